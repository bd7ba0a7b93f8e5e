// Byte sizes fixed by the primitives Trellis uses. They are constants of the protocol
// (docs/PROTOCOL.md), so they are written out rather than read from libsodium at run time.

/** XChaCha20-Poly1305 key, workspace key, vault key. */
export const SYMMETRIC_KEY_BYTES = 32;
/** XChaCha20-Poly1305-IETF nonce. */
export const AEAD_NONCE_BYTES = 24;
/** Poly1305 tag appended to every AEAD ciphertext. */
export const AEAD_TAG_BYTES = 16;
/** Ed25519 public key. */
export const SIGNING_PUBLIC_KEY_BYTES = 32;
/** Ed25519 secret key in libsodium's layout (seed | public key). */
export const SIGNING_SECRET_KEY_BYTES = 64;
/** Ed25519 signature. */
export const SIGNATURE_BYTES = 64;
/** X25519 public and secret keys. */
export const BOX_KEY_BYTES = 32;
/** crypto_box_seal overhead: ephemeral public key (32) + Poly1305 tag (16). */
export const SEAL_OVERHEAD_BYTES = 48;
/** Random bytes in a workspace id. */
export const WORKSPACE_ID_BYTES = 16;
/** Default padding block for `padPlaintext`. */
export const DEFAULT_PAD_BLOCK = 256;
