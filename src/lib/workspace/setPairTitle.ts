import type * as Y from 'yjs';
import { rootMap } from './docShape';
import type { WorkspaceResult } from './errors';
import type { CommandInput } from './model/commandInput';
import { startCommand } from './model/startCommand';
import { checkTitle } from './text/checkText';

/**
 * Rename the pair.
 *
 * @example
 *   setPairTitle(doc, { by: 'p-mentor', title: 'Ana & Ben, 2025' });
 */
export function setPairTitle(doc: Y.Doc, input: CommandInput & { title: string }): WorkspaceResult {
  const start = startCommand(doc, input);
  if (!start.ok) return start;
  const title = checkTitle(input.title);
  if (!title.ok) return title;
  doc.transact(() => rootMap(doc, 'meta').set('title', title.value));
  return { ok: true };
}
