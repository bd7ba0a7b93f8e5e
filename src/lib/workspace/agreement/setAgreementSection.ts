import type * as Y from 'yjs';
import { fail, type WorkspaceResult } from '../errors';
import type { CommandInput } from '../model/commandInput';
import { startCommand } from '../model/startCommand';
import { applyTextChange } from '../text/applyTextChange';
import { checkText, TEXT_LIMITS } from '../text/checkText';
import { isAgreementSectionKey, type AgreementSectionKey } from './agreementTemplate';
import { agreementSectionText } from './agreementSectionText';

/**
 * Set a section's text to `text` as the smallest edit (see `applyTextChange`), so concurrent
 * edits of the same section by both people merge character by character.
 *
 * @example
 *   setAgreementSection(doc, { by: 'p-mentee', key: 'purpose', text: 'Grow as a field researcher.' });
 */
export function setAgreementSection(
  doc: Y.Doc,
  input: CommandInput & { key: AgreementSectionKey; text: string },
): WorkspaceResult {
  const start = startCommand(doc, input);
  if (!start.ok) return start;
  if (!isAgreementSectionKey(input.key)) return fail('INVALID_VALUE', 'key');
  const text = checkText(input.text, { field: 'text', max: TEXT_LIMITS.long });
  if (!text.ok) return text;
  doc.transact(() => applyTextChange(agreementSectionText(doc, input.key), text.value));
  return { ok: true };
}
