import type { Membership } from './chainTypes';

/**
 * The parents for the next record this device writes: the current heads (a copy).
 *
 * @example
 *   signChainRecord({ workspaceId, person, parents: chainHeads(membership), at, body });
 */
export function chainHeads(membership: Membership): string[] {
  return [...membership.heads];
}
