// Every signature covers a domain prefix, so a signature made for one purpose (an update blob)
// can never be replayed as another (a snapshot, an invite, a device link) even if the signed
// bytes happen to coincide.
import { concatBytes, utf8 } from './bytes';

/** What a signature is for; each gets its own prefix. */
export type SignatureDomain =
  | 'blob/update'
  | 'blob/snapshot'
  | 'blob/awareness'
  | 'agreement'
  | 'invite'
  | 'invite-request'
  | 'invite-answer'
  | 'device-link'
  | 'device-cert'
  | 'rotation'
  | 'membership';

/**
 * The exact bytes that are signed: UTF-8 of `trellis/<domain>/v1` and a zero byte, then the
 * message.
 *
 * @example
 *   domainSeparated('invite', message); // 'trellis/invite/v1\0' | message
 */
export function domainSeparated(domain: SignatureDomain, message: Uint8Array): Uint8Array {
  return concatBytes([utf8(`trellis/${domain}/v1\0`), message]);
}
