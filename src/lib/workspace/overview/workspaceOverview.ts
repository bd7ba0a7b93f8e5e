import type * as Y from 'yjs';
import { checkInDue, checkInTrend } from '../checkins/checkInTrend';
import { listCheckIns } from '../checkins/addCheckIn';
import type { CheckIn } from '../checkins/checkIn';
import { readClosure, type ClosureState } from '../closure/readClosure';
import { reviewDue, type ReviewDue } from '../feedback/reviewDue';
import type { Goal } from '../goals/goal';
import { isGoalOverdue } from '../goals/goalProgress';
import { listGoals } from '../goals/readGoal';
import { findPerson, partnerOf } from '../people/listPeople';
import type { Person } from '../people/person';
import type { Due } from '../schedule/due';
import { isDocFromNewerVersion } from '../schemaVersion';
import { listActionItems } from '../sessions/actionItems';
import type { ActionItem, Session } from '../sessions/session';
import { nextSession, sessionDue } from '../sessions/sessionSchedule';
import { utcToLocal } from '../time/utcToLocal';
import { readWorkspaceMeta } from '../workspaceMeta';
import { termTimeline, type TermTimeline } from './termTimeline';

export interface WorkspaceOverview {
  title: string;
  viewer: Person | undefined;
  partner: Person | undefined;
  nextSession: Session | undefined;
  /** When the next session is due by the agreed cadence; overdue stands out. */
  sessionDue: (Due & { scheduled: boolean }) | undefined;
  /** When the next check-in is due (from either person) by the agreed cadence. */
  checkInDue: Due | undefined;
  reviewDue: ReviewDue;
  /** Open action items, soonest due first. */
  openActionItems: Array<ActionItem & { overdue: boolean }>;
  /** Goals that are not dropped, with progress; overdue ones flagged. */
  goals: Array<Goal & { overdue: boolean }>;
  lastCheckIn: CheckIn | undefined;
  /** The partner's latest check-in asks for attention (see `checkInTrend`). */
  partnerNeedsSupport: boolean;
  term: TermTimeline;
  closure: ClosureState;
  /** Closed, or written by a newer Trellis: show, do not offer edits. */
  readOnly: boolean;
}

/**
 * Everything the overview page shows, for one viewer at `now` (dates on their calendar). The sync
 * status comes from the state layer, not from the doc.
 *
 * @example
 *   const overview = workspaceOverview(doc, { now: new Date(), viewerId });
 *   overview.sessionDue?.overdue; overview.goals.filter((goal) => goal.overdue);
 */
export function workspaceOverview(
  doc: Y.Doc,
  input: { now: Date; viewerId: string },
): WorkspaceOverview {
  const viewer = findPerson(doc, input.viewerId);
  const partner = partnerOf(doc, input.viewerId);
  const timeZone = viewer?.timeZone ?? 'UTC';
  const today = utcToLocal(input.now, timeZone).date;
  const closure = readClosure(doc, { now: input.now, timeZone });
  return {
    title: readWorkspaceMeta(doc).title,
    viewer,
    partner,
    nextSession: nextSession(doc, input.now),
    sessionDue: sessionDue(doc, { now: input.now, timeZone }),
    checkInDue: checkInDue(doc, { now: input.now, timeZone }),
    reviewDue: reviewDue(doc, input.now),
    openActionItems: listActionItems(doc, { open: true }).map((item) => ({
      ...item,
      overdue: item.dueDate !== null && item.dueDate < today,
    })),
    goals: listGoals(doc)
      .filter((goal) => goal.status !== 'dropped')
      .map((goal) => ({ ...goal, overdue: isGoalOverdue(goal, today) })),
    lastCheckIn: listCheckIns(doc).at(-1),
    partnerNeedsSupport: partner
      ? checkInTrend(doc, { personId: partner.personId }).needsSupport
      : false,
    term: termTimeline(doc, { now: input.now, timeZone }),
    closure,
    readOnly: closure.stage === 'closed' || isDocFromNewerVersion(doc),
  };
}
