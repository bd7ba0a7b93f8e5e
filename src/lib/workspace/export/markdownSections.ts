import { listAvailability } from '../availability/listAvailability';
import type { WeeklyWindow } from '../availability/availabilityWindow';
import { listCheckIns } from '../checkins/addCheckIn';
import { readClosureRecord } from '../closure/readClosure';
import { listFeedback } from '../feedback/giveFeedback';
import { listReviews } from '../feedback/reviews';
import { listGoals } from '../goals/readGoal';
import { listPeople } from '../people/listPeople';
import { listActionItems } from '../sessions/actionItems';
import { listSessions } from '../sessions/readSession';
import type { ActionItem } from '../sessions/session';
import { listSessionReflections } from '../sessions/sessionReflections';
import type { MarkdownContext } from './markdownContext';
import { inlineMarkdown as md, markdownBlock } from './markdownText';

/*
 * The parts of the Markdown export, one function each, in document order. Each answers its
 * lines (a part with nothing to show answers none, or `_(none)_` where an empty part says
 * something). All user text goes through `md` (one line) or `markdownBlock` (paragraphs).
 */

export function peopleLines({ doc }: MarkdownContext): string[] {
  const lines = ['## People', ''];
  for (const person of listPeople(doc)) {
    const role = person.role === 'mentor' ? 'Mentor' : 'Mentee';
    lines.push(`- ${role}: ${md(person.name)} (${md(person.timeZone)})`);
  }
  return [...lines, ''];
}

const WEEKDAYS = ['Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday', 'Sunday'];

export function availabilityLines({ doc }: MarkdownContext): string[] {
  const lines: string[] = [];
  for (const person of listPeople(doc)) {
    const { available, quiet } = listAvailability(doc, person.personId);
    if (available.length === 0 && quiet.length === 0) continue;
    const windows = (list: WeeklyWindow[]) =>
      list
        .map(
          (window) => `${WEEKDAYS[window.weekday - 1] ?? '?'} ${window.start}\u2013${window.end}`,
        )
        .join(', ') || 'none';
    lines.push(
      `- ${md(person.name)}, on their own clock (${md(person.timeZone)}): available ${windows(available)}; quiet hours ${windows(quiet)}`,
    );
  }
  return lines.length === 0 ? [] : ['## Availability', '', ...lines, ''];
}

export function goalLines({ doc }: MarkdownContext): string[] {
  const goals = listGoals(doc);
  const lines = ['## Goals', ''];
  if (goals.length === 0) return [...lines, '_(none)_', ''];
  for (const goal of goals) {
    const measure = goal.target === null ? '' : ` (${goal.current ?? 0} of ${goal.target})`;
    lines.push(
      `### ${md(goal.title)}`,
      '',
      `- Status: ${goal.status}, progress ${Math.round(goal.progress * 100)} %`,
      `- Specific: ${md(goal.specific)}`,
      `- Measurable: ${md(goal.metric)}${measure}`,
      `- Achievable: ${md(goal.achievable)}`,
      `- Relevant: ${md(goal.relevant)}`,
      `- Target date: ${goal.targetDate ?? 'none'}`,
    );
    for (const milestone of goal.milestones) {
      const due = milestone.dueDate ? ` (due ${milestone.dueDate})` : '';
      lines.push(`- [${milestone.done ? 'x' : ' '}] ${md(milestone.title)}${due}`);
    }
    lines.push('');
  }
  return lines;
}

export function sessionLines(context: MarkdownContext): string[] {
  const { doc, nameOf, when } = context;
  const sessions = listSessions(doc);
  const lines = ['## Sessions', ''];
  if (sessions.length === 0) return [...lines, '_(none)_', ''];
  for (const session of sessions) {
    const cancelled = session.status === 'cancelled' ? ' (cancelled)' : '';
    const title = md(session.title || 'Session');
    lines.push(
      `### ${when(session.startsAt)}, ${session.durationMinutes} min: ${title}${cancelled}`,
      '',
    );
    if (session.agenda.length > 0) {
      lines.push('Agenda:', '');
      for (const topic of session.agenda)
        lines.push(`- [${topic.covered ? 'x' : ' '}] ${md(topic.text)}`);
      lines.push('');
    }
    lines.push('Notes:', '', markdownBlock(session.notes), '');
    const items = listActionItems(doc, { sessionId: session.id });
    if (items.length > 0) {
      lines.push('Action items:', '', ...items.map((item) => actionItemLine(item, context)), '');
    }
    for (const reflection of listSessionReflections(doc, session.id)) {
      const text = `useful: ${md(reflection.useful)}; try next: ${md(reflection.tryNext)}`;
      lines.push(`Reflection by ${nameOf(reflection.personId)}: ${text}`, '');
    }
  }
  return lines;
}

export function looseActionItemLines(context: MarkdownContext): string[] {
  const items = listActionItems(context.doc).filter((item) => item.sessionId === null);
  if (items.length === 0) return [];
  return ['## Other action items', '', ...items.map((item) => actionItemLine(item, context)), ''];
}

export function feedbackLines({ doc, nameOf, when }: MarkdownContext): string[] {
  const feedback = listFeedback(doc);
  if (feedback.length === 0) return [];
  const lines = ['## Feedback', ''];
  for (const entry of feedback) {
    const who = `${nameOf(entry.fromId)} to ${nameOf(entry.toId)}`;
    lines.push(
      `- ${when(entry.givenAt)}, ${who}: keep: ${md(entry.keep)}; change: ${md(entry.change)}`,
    );
  }
  return [...lines, ''];
}

export function reviewLines({ doc, nameOf, when }: MarkdownContext): string[] {
  const reviews = listReviews(doc);
  if (reviews.length === 0) return [];
  const lines = ['## Reviews', ''];
  for (const review of reviews) {
    lines.push(`### Review of ${when(review.startedAt)}`, '');
    for (const answer of review.answers) {
      lines.push(
        `- ${nameOf(answer.personId)}: ${answer.assessment}; change: ${md(answer.whatToChange)}`,
      );
    }
    lines.push('', 'Agreed changes:', '', markdownBlock(review.agreedChanges), '');
  }
  return lines;
}

export function checkInLines({ doc, nameOf, when }: MarkdownContext): string[] {
  const checkIns = listCheckIns(doc);
  if (checkIns.length === 0) return [];
  const lines = [
    '## Check-ins',
    '',
    '| When | Who | Mood | Workload | Blockers | Note |',
    '| --- | --- | --- | --- | --- | --- |',
  ];
  for (const entry of checkIns) {
    const scores = `${entry.mood}/5 | ${entry.workload}/5`;
    lines.push(
      `| ${when(entry.at)} | ${nameOf(entry.personId)} | ${scores} | ${md(entry.blockers)} | ${md(entry.note)} |`,
    );
  }
  return [...lines, ''];
}

export function closureLines({ doc, nameOf, when }: MarkdownContext): string[] {
  const closure = readClosureRecord(doc);
  const said = closure.reason.trim() !== '';
  if (closure.stage === 'open' && !said && closure.wrapUps.length === 0) return [];
  const lines = ['## Closure', ''];
  if (closure.requestedAt !== undefined) {
    lines.push(
      `${nameOf(closure.requestedBy)} proposed closing on ${when(closure.requestedAt)}.`,
      '',
    );
  }
  if (said) lines.push('Why:', '', markdownBlock(closure.reason), '');
  if (closure.closedAt !== undefined) {
    lines.push(`Closed by ${nameOf(closure.closedBy)} on ${when(closure.closedAt)}.`, '');
  }
  for (const wrapUp of closure.wrapUps) {
    lines.push(
      `### Wrap-up by ${nameOf(wrapUp.personId)}`,
      '',
      `- Most valuable: ${md(wrapUp.mostValuable)}`,
      `- Learned: ${md(wrapUp.learned)}`,
      `- Could improve: ${md(wrapUp.couldImprove)}`,
      '',
    );
  }
  return lines;
}

function actionItemLine(item: ActionItem, { nameOf }: MarkdownContext): string {
  const due = item.dueDate ? `, due ${item.dueDate}` : '';
  return `- [${item.done ? 'x' : ' '}] ${md(item.title)} (${nameOf(item.ownerId)}${due})`;
}
