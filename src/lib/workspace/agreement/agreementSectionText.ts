import type * as Y from 'yjs';
import { agreementSectionRootName } from '../docShape';
import type { AgreementSectionKey } from './agreementTemplate';

/**
 * The shared text of one agreement section, for a collaborative editor to bind to. Writing
 * through it bypasses the closed check: bind it read-only once `isWorkspaceClosed(doc)`.
 *
 * @example
 *   agreementSectionText(doc, 'purpose').toString();
 */
export function agreementSectionText(doc: Y.Doc, key: AgreementSectionKey): Y.Text {
  return doc.getText(agreementSectionRootName(key));
}
