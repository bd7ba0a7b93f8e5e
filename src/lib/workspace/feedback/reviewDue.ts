import type * as Y from 'yjs';
import { readAgreementTerms } from '../agreement/agreementTerms';
import { heldSessions } from '../sessions/sessionSchedule';
import { listReviews } from './reviews';

export interface ReviewDue {
  /** Time to reflect on the relationship together. */
  due: boolean;
  /** Sessions held since the last review (or since the start). */
  heldSinceLastReview: number;
  /** The agreed cadence: a review every this many sessions. */
  every: number;
}

/**
 * Whether a joint review is due: every `reviewEverySessions` held sessions (from the agreement),
 * counted from the last review.
 *
 * @example
 *   if (reviewDue(doc, now).due) showReviewPrompt();
 */
export function reviewDue(doc: Y.Doc, now: Date): ReviewDue {
  const every = readAgreementTerms(doc).reviewEverySessions;
  const held = heldSessions(doc, now).length;
  const lastCount = Math.max(0, ...listReviews(doc).map((review) => review.heldSessionCount));
  const heldSinceLastReview = Math.max(0, held - lastCount);
  return { due: heldSinceLastReview >= every, heldSinceLastReview, every };
}
