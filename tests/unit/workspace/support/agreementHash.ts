import { createHash } from 'node:crypto';
import type * as Y from 'yjs';
import { canonicalAgreementBytes } from '$lib/workspace';

// The domain cannot hash; tests stand in for the state layer with SHA-256.
export const hashOf = (bytes: Uint8Array) => createHash('sha256').update(bytes).digest('base64url');

/** The hash of the agreement as it reads now, as the state layer would pass it. */
export const currentHash = (doc: Y.Doc) => hashOf(canonicalAgreementBytes(doc));
