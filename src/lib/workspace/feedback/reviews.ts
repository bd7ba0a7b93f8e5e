import * as Y from 'yjs';
import { rootMap } from '../docShape';
import { fail, type WorkspaceResult } from '../errors';
import type { CommandInput, CreateInput } from '../model/commandInput';
import { compareStrings } from '../model/compareStrings';
import { entitiesOf, entityOf, readNumber, readString, readText } from '../model/readFields';
import { resolveNewId } from '../model/resolveNewId';
import { startCommand } from '../model/startCommand';
import { heldSessions } from '../sessions/sessionSchedule';
import { applyTextChange } from '../text/applyTextChange';
import { checkText, TEXT_LIMITS } from '../text/checkText';
import {
  REVIEW_ASSESSMENTS,
  type Review,
  type ReviewAnswer,
  type ReviewAssessment,
} from './feedback';

const ANSWER_PREFIX = 'answer:';

/**
 * Start a joint review of the relationship (when `reviewDue` says so, or any time). It counts
 * the sessions held so far, from which the next review falls due.
 *
 * @example
 *   startReview(doc, { by: 'p-mentor' }); // { ok: true, id }
 */
export function startReview(doc: Y.Doc, input: CreateInput): WorkspaceResult<{ id: string }> {
  const start = startCommand(doc, input);
  if (!start.ok) return start;
  const reviews = rootMap(doc, 'reviews');
  const id = resolveNewId(reviews, input.id);
  if (!id.ok) return id;
  const heldSessionCount = heldSessions(doc, new Date(start.at)).length;
  doc.transact(() => {
    const review = new Y.Map<unknown>();
    reviews.set(id.id, review);
    review.set('startedBy', start.by);
    review.set('startedAt', start.at);
    review.set('heldSessionCount', heldSessionCount);
    review.set('agreedChanges', new Y.Text());
  });
  return { ok: true, id: id.id };
}

/**
 * Give one's own answer to a review: is the relationship on track, what to change. Each person's
 * answer is its own key, so both can answer while apart.
 *
 * @example
 *   answerReview(doc, { by: 'p-mentee', reviewId, assessment: 'partly', whatToChange: 'Shorter sessions' });
 */
export function answerReview(
  doc: Y.Doc,
  input: CommandInput & { reviewId: string; assessment: ReviewAssessment; whatToChange: string },
): WorkspaceResult {
  const start = startCommand(doc, input);
  if (!start.ok) return start;
  const review = entityOf(rootMap(doc, 'reviews'), input.reviewId);
  if (!review) return fail('NOT_FOUND', 'reviewId');
  if (!(REVIEW_ASSESSMENTS as readonly string[]).includes(input.assessment)) {
    return fail('INVALID_VALUE', 'assessment');
  }
  const whatToChange = checkText(input.whatToChange, {
    field: 'whatToChange',
    max: TEXT_LIMITS.short,
  });
  if (!whatToChange.ok) return whatToChange;
  doc.transact(() =>
    review.set(ANSWER_PREFIX + start.by, {
      assessment: input.assessment,
      whatToChange: whatToChange.value,
      answeredAt: start.at,
    }),
  );
  return { ok: true };
}

/**
 * Set the review's agreed changes (shared text) as the smallest edit.
 *
 * @example
 *   setReviewAgreedChanges(doc, { by: 'p-mentor', reviewId, text: 'Meet weekly in March.' });
 */
export function setReviewAgreedChanges(
  doc: Y.Doc,
  input: CommandInput & { reviewId: string; text: string },
): WorkspaceResult {
  const start = startCommand(doc, input);
  if (!start.ok) return start;
  const review = entityOf(rootMap(doc, 'reviews'), input.reviewId);
  if (!review) return fail('NOT_FOUND', 'reviewId');
  const text = checkText(input.text, { field: 'text', max: TEXT_LIMITS.short });
  if (!text.ok) return text;
  doc.transact(() => {
    let shared = readText(review, 'agreedChanges');
    if (!shared) {
      shared = new Y.Text();
      review.set('agreedChanges', shared);
    }
    applyTextChange(shared, text.value);
  });
  return { ok: true };
}

/**
 * Every review, oldest first, with both people's answers.
 *
 * @example
 *   listReviews(doc).at(-1)?.answers;
 */
export function listReviews(doc: Y.Doc): Review[] {
  const reviews: Review[] = [];
  for (const [id, map] of entitiesOf(rootMap(doc, 'reviews'))) {
    const answers: ReviewAnswer[] = [];
    map.forEach((value, key) => {
      if (!key.startsWith(ANSWER_PREFIX)) return;
      const answer = parseAnswer(key.slice(ANSWER_PREFIX.length), value);
      if (answer) answers.push(answer);
    });
    const count = readNumber(map, 'heldSessionCount');
    reviews.push({
      id,
      startedBy: readString(map, 'startedBy'),
      startedAt: readString(map, 'startedAt'),
      heldSessionCount: count !== undefined && Number.isInteger(count) && count >= 0 ? count : 0,
      answers: answers.sort((a, b) => compareStrings(a.personId, b.personId)),
      agreedChanges: readText(map, 'agreedChanges')?.toString() ?? '',
    });
  }
  return reviews.sort(
    (a, b) => compareStrings(a.startedAt ?? '', b.startedAt ?? '') || compareStrings(a.id, b.id),
  );
}

function parseAnswer(personId: string, value: unknown): ReviewAnswer | undefined {
  if (typeof value !== 'object' || value === null) return undefined;
  const { assessment, whatToChange, answeredAt } = value as Record<string, unknown>;
  if (!(REVIEW_ASSESSMENTS as readonly unknown[]).includes(assessment)) return undefined;
  return {
    personId,
    assessment: assessment as ReviewAssessment,
    whatToChange: typeof whatToChange === 'string' ? whatToChange : '',
    answeredAt: typeof answeredAt === 'string' ? answeredAt : undefined,
  };
}
