// The question the rotation code asks about a pair's members, apart from its two answers
// (pairRoster.ts), so the rotation code and the answers do not import each other.

/** A device a new epoch key can be sealed to. */
export interface RosterDevice {
  deviceId: string;
  personId: string;
  boxPublicKey: Uint8Array;
}

/** What the rotation code needs to know about the pair's members. */
export interface PairRoster {
  /** The person of a device whose rotation records count; undefined for any other device. */
  writerPerson(deviceId: string): string | undefined;
  /** The certified devices a new key may be sealed to (before this rotation's removals). */
  recipients(): RosterDevice[];
  /** Devices and persons already out of the pair. */
  leftOut(): { devices: Set<string>; persons: Set<string> };
}
