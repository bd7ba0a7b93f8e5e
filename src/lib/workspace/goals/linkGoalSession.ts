import * as Y from 'yjs';
import { rootMap } from '../docShape';
import { fail, type WorkspaceResult } from '../errors';
import type { CommandInput } from '../model/commandInput';
import { entityOf, readMap } from '../model/readFields';
import { startCommand } from '../model/startCommand';

/**
 * Link a session to a goal (it worked on the goal), or unlink it. Each link is its own key, so
 * links added by both people while apart all stay.
 *
 * @example
 *   linkGoalSession(doc, { by: 'p-mentor', goalId, sessionId, linked: true });
 */
export function linkGoalSession(
  doc: Y.Doc,
  input: CommandInput & { goalId: string; sessionId: string; linked: boolean },
): WorkspaceResult {
  const start = startCommand(doc, input);
  if (!start.ok) return start;
  const goal = entityOf(rootMap(doc, 'goals'), input.goalId);
  if (!goal) return fail('NOT_FOUND', 'goalId');
  if (!entityOf(rootMap(doc, 'sessions'), input.sessionId)) return fail('NOT_FOUND', 'sessionId');
  doc.transact(() => {
    let links = readMap(goal, 'linkedSessions');
    if (!links) {
      links = new Y.Map<unknown>();
      goal.set('linkedSessions', links);
    }
    links.set(input.sessionId, input.linked === true);
  });
  return { ok: true };
}
