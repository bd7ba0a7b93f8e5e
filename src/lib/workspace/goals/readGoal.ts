import * as Y from 'yjs';
import { rootMap } from '../docShape';
import { compareStrings } from '../model/compareStrings';
import {
  entitiesOf,
  entityOf,
  readEnum,
  readMap,
  readNumber,
  readString,
  readText,
} from '../model/readFields';
import { isOrderKey } from '../order/orderKeyBetween';
import { sortByOrder } from '../order/sortByOrder';
import { isCalendarDate } from '../time/calendarDate';
import { GOAL_STATUSES, type Goal, type Milestone } from './goal';
import { goalProgress } from './goalProgress';

/**
 * One goal with its milestones and progress, or `undefined`.
 *
 * @example
 *   readGoal(doc, goalId)?.progress;
 */
export function readGoal(doc: Y.Doc, goalId: string): Goal | undefined {
  const map = entityOf(rootMap(doc, 'goals'), goalId);
  return map ? parseGoal(goalId, map, listMilestones(doc, goalId)) : undefined;
}

/**
 * Every goal, oldest first (by creation time, then id).
 *
 * @example
 *   listGoals(doc).filter((goal) => goal.status === 'active');
 */
export function listGoals(doc: Y.Doc): Goal[] {
  const milestones = allMilestones(doc);
  return entitiesOf(rootMap(doc, 'goals'))
    .map(([id, map]) => parseGoal(id, map, milestones.get(id) ?? []))
    .sort(
      (a, b) => compareStrings(a.createdAt ?? '', b.createdAt ?? '') || compareStrings(a.id, b.id),
    );
}

/**
 * A goal's milestones in list order.
 *
 * @example
 *   listMilestones(doc, goalId).map((milestone) => milestone.title);
 */
export function listMilestones(doc: Y.Doc, goalId: string): Milestone[] {
  return allMilestones(doc).get(goalId) ?? [];
}

function allMilestones(doc: Y.Doc): Map<string, Milestone[]> {
  const byGoal = new Map<string, Milestone[]>();
  for (const [id, map] of entitiesOf(rootMap(doc, 'milestones'))) {
    const goalId = readString(map, 'goalId');
    if (goalId === undefined) continue;
    const dueDate = readString(map, 'dueDate');
    const order = readString(map, 'order');
    const milestone: Milestone = {
      id,
      goalId,
      title: readString(map, 'title') ?? '',
      done: map.get('done') === true,
      dueDate: isCalendarDate(dueDate) ? dueDate : null,
      order: isOrderKey(order) ? order : undefined,
      createdAt: readString(map, 'createdAt'),
      createdBy: readString(map, 'createdBy'),
    };
    byGoal.set(goalId, [...(byGoal.get(goalId) ?? []), milestone]);
  }
  for (const [goalId, milestones] of byGoal) byGoal.set(goalId, sortByOrder(milestones));
  return byGoal;
}

function parseGoal(id: string, map: Y.Map<unknown>, milestones: Milestone[]): Goal {
  const targetDate = readString(map, 'targetDate');
  const links = readMap(map, 'linkedSessions');
  const linkedSessionIds: string[] = [];
  links?.forEach((linked, sessionId) => {
    if (linked === true) linkedSessionIds.push(sessionId);
  });
  const status = readEnum(map, 'status', GOAL_STATUSES) ?? 'proposed';
  const target = readNumber(map, 'target') ?? null;
  const current = readNumber(map, 'current') ?? null;
  return {
    id,
    title: readString(map, 'title') ?? '',
    specific: textOf(readText(map, 'specific')),
    metric: readString(map, 'metric') ?? '',
    target,
    current,
    achievable: textOf(readText(map, 'achievable')),
    relevant: textOf(readText(map, 'relevant')),
    targetDate: isCalendarDate(targetDate) ? targetDate : null,
    status,
    createdAt: readString(map, 'createdAt'),
    createdBy: readString(map, 'createdBy'),
    updatedAt: readString(map, 'updatedAt'),
    linkedSessionIds: linkedSessionIds.sort(compareStrings),
    milestones,
    progress: goalProgress({ status, target, current, milestones }),
  };
}

function textOf(text: Y.Text | undefined): string {
  return text instanceof Y.Text ? text.toString() : '';
}
