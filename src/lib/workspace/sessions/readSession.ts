import * as Y from 'yjs';
import { rootMap } from '../docShape';
import { compareStrings } from '../model/compareStrings';
import {
  entitiesOf,
  entityOf,
  readEnum,
  readNumber,
  readString,
  readText,
} from '../model/readFields';
import { isOrderKey } from '../order/orderKeyBetween';
import { sortByOrder } from '../order/sortByOrder';
import { zoneOrUtc } from '../time/isValidTimeZone';
import { parseInstant } from '../time/parseInstant';
import { SESSION_MINUTES, SESSION_STATUSES, type AgendaTopic, type Session } from './session';

/**
 * Every session with a valid time, in time order (then id).
 *
 * @example
 *   listSessions(doc).filter((session) => session.status === 'scheduled');
 */
export function listSessions(doc: Y.Doc): Session[] {
  const agenda = allAgendaTopics(doc);
  const sessions: Session[] = [];
  for (const [id, map] of entitiesOf(rootMap(doc, 'sessions'))) {
    const session = parseSession(id, map, agenda.get(id) ?? []);
    if (session) sessions.push(session);
  }
  return sessions.sort(
    (a, b) => compareStrings(a.startsAt, b.startsAt) || compareStrings(a.id, b.id),
  );
}

/**
 * One session, or `undefined` (also when its stored time is malformed).
 *
 * @example
 *   readSession(doc, sessionId)?.agenda;
 */
export function readSession(doc: Y.Doc, sessionId: string): Session | undefined {
  const map = entityOf(rootMap(doc, 'sessions'), sessionId);
  return map ? parseSession(sessionId, map, allAgendaTopics(doc).get(sessionId) ?? []) : undefined;
}

/**
 * A session's agenda topics in list order.
 *
 * @example
 *   listAgendaTopics(doc, sessionId).map((topic) => topic.text);
 */
export function listAgendaTopics(doc: Y.Doc, sessionId: string): AgendaTopic[] {
  return allAgendaTopics(doc).get(sessionId) ?? [];
}

function allAgendaTopics(doc: Y.Doc): Map<string, AgendaTopic[]> {
  const bySession = new Map<string, AgendaTopic[]>();
  for (const [id, map] of entitiesOf(rootMap(doc, 'agendaTopics'))) {
    const sessionId = readString(map, 'sessionId');
    if (sessionId === undefined) continue;
    const order = readString(map, 'order');
    const topic: AgendaTopic = {
      id,
      sessionId,
      text: readString(map, 'text') ?? '',
      covered: map.get('covered') === true,
      order: isOrderKey(order) ? order : undefined,
      addedBy: readString(map, 'addedBy'),
      addedAt: readString(map, 'addedAt'),
    };
    bySession.set(sessionId, [...(bySession.get(sessionId) ?? []), topic]);
  }
  for (const [sessionId, topics] of bySession) bySession.set(sessionId, sortByOrder(topics));
  return bySession;
}

function parseSession(id: string, map: Y.Map<unknown>, agenda: AgendaTopic[]): Session | undefined {
  const startsAt = parseInstant(readString(map, 'startsAt'));
  const duration = readNumber(map, 'durationMinutes');
  if (!startsAt || duration === undefined) return undefined;
  if (
    !Number.isInteger(duration) ||
    duration < SESSION_MINUTES.min ||
    duration > SESSION_MINUTES.max
  ) {
    return undefined;
  }
  const timeZone = readString(map, 'timeZone');
  const notes = readText(map, 'notes');
  return {
    id,
    title: readString(map, 'title') ?? '',
    startsAt: startsAt.toISOString(),
    endsAt: new Date(startsAt.getTime() + duration * 60_000).toISOString(),
    durationMinutes: duration,
    timeZone: zoneOrUtc(timeZone),
    status: readEnum(map, 'status', SESSION_STATUSES) ?? 'scheduled',
    notes: notes instanceof Y.Text ? notes.toString() : '',
    agenda,
    createdBy: readString(map, 'createdBy'),
    createdAt: readString(map, 'createdAt'),
    updatedAt: readString(map, 'updatedAt'),
  };
}
