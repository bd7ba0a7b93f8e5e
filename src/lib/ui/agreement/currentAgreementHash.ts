import type * as Y from 'yjs';
import { canonicalAgreementBytes, listSignedAgreementVersions } from '$lib/workspace';

/**
 * The content hash under which the agreement as it now reads was signed, or `undefined` when
 * nobody signed exactly this content. The UI layer cannot hash (that is crypto's job), but every
 * signed version keeps its exact canonical bytes, so equal bytes identify the version.
 *
 * @example
 *   const status = agreementSignatureState(doc, currentAgreementHash(doc) ?? '');
 */
export function currentAgreementHash(doc: Y.Doc): string | undefined {
  const current = canonicalAgreementBytes(doc);
  return listSignedAgreementVersions(doc).find((version) => sameBytes(version.canonical, current))
    ?.contentHash;
}

function sameBytes(a: Uint8Array, b: Uint8Array): boolean {
  if (a.length !== b.length) return false;
  for (let index = 0; index < a.length; index++) if (a[index] !== b[index]) return false;
  return true;
}
