import type { Role } from '$lib/workspace';

/** What a screen gets back from an action: success with data, or a sentence to show. */
export type ActionResult<T extends object = object> =
  ({ ok: true } & T) | { ok: false; message: string };

/** The person using this device, as they described themselves on first run. */
export interface Profile {
  /** The person's id in every pair: their identity key, base64url. */
  personId: string;
  name: string;
  role: Role;
  timeZone: string;
}
