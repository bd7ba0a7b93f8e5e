import { toBase64Url } from '$lib/crypto';

/** A well-formed 32-byte key text (device id, person id, box key), distinct per `seed`. */
export function keyText(seed: number): string {
  return toBase64Url(new Uint8Array(32).fill(seed));
}

/** A well-formed 64-byte signature text, distinct per `seed`. */
export function signatureText(seed: number): string {
  return toBase64Url(new Uint8Array(64).fill(seed));
}

/** A well-formed sealed-key text (80 bytes, the size of a sealed 32-byte key). */
export function envelopeText(seed: number): string {
  return toBase64Url(new Uint8Array(80).fill(seed));
}

/** Instants of the tests: minutes after 2025-01-06T09:00Z, as ISO strings. */
export function minute(offset: number): string {
  return new Date(Date.UTC(2025, 0, 6, 9, offset)).toISOString();
}
