import { describe, expect, it } from 'vitest';
import {
  answerReview,
  giveFeedback,
  listFeedback,
  listReviews,
  reviewDue,
  scheduleSession,
  setReviewAgreedChanges,
  startReview,
  updateAgreementTerms,
  updateSession,
} from '$lib/workspace';
import {
  createPairDoc,
  expectError,
  expectOk,
  forkDoc,
  MENTEE,
  MENTOR,
  syncDocs,
} from '../support/pairDoc';

describe('feedback', () => {
  it('goes either way, to the partner only, with something to say', () => {
    const doc = createPairDoc();
    expectOk(scheduleSession(doc, { by: MENTOR, id: 's', date: '2025-03-10', time: '18:00' }));
    expectOk(
      giveFeedback(doc, {
        by: MENTEE,
        id: 'f1',
        to: MENTOR,
        keep: 'Concrete examples',
        change: 'More time for my questions',
        sessionId: 's',
        at: new Date('2025-03-10T19:00:00Z'),
      }),
    );
    expectOk(
      giveFeedback(doc, {
        by: MENTOR,
        id: 'f2',
        to: MENTEE,
        keep: 'Well prepared',
        change: '',
        at: new Date('2025-03-10T19:30:00Z'),
      }),
    );
    expect(listFeedback(doc)).toEqual([
      {
        id: 'f1',
        fromId: MENTEE,
        toId: MENTOR,
        keep: 'Concrete examples',
        change: 'More time for my questions',
        sessionId: 's',
        givenAt: '2025-03-10T19:00:00.000Z',
      },
      {
        id: 'f2',
        fromId: MENTOR,
        toId: MENTEE,
        keep: 'Well prepared',
        change: '',
        sessionId: null,
        givenAt: '2025-03-10T19:30:00.000Z',
      },
    ]);
    expect(listFeedback(doc, { toId: MENTEE }).map((entry) => entry.id)).toEqual(['f2']);
    expectError(
      giveFeedback(doc, { by: MENTEE, to: MENTEE, keep: 'x', change: '' }),
      'INVALID_RECIPIENT',
    );
    expectError(
      giveFeedback(doc, { by: MENTEE, to: 'p-x', keep: 'x', change: '' }),
      'INVALID_RECIPIENT',
    );
    expectError(
      giveFeedback(doc, { by: MENTEE, to: MENTOR, keep: ' ', change: '' }),
      'TEXT_REQUIRED',
    );
    expectError(
      giveFeedback(doc, { by: MENTEE, to: MENTOR, keep: 'x', change: '', sessionId: 'nope' }),
      'NOT_FOUND',
    );
  });
});

describe('reviews', () => {
  it('fall due every few held sessions, counted from the last review', () => {
    const doc = createPairDoc();
    expectOk(updateAgreementTerms(doc, { by: MENTOR, reviewEverySessions: 2 }));
    for (const [id, date] of [
      ['s1', '2025-02-03'],
      ['s2', '2025-02-17'],
      ['s3', '2025-03-03'],
      ['s4', '2025-03-17'],
    ] as const) {
      expectOk(scheduleSession(doc, { by: MENTOR, id, date, time: '18:00' }));
    }
    expect(reviewDue(doc, new Date('2025-02-10T00:00:00Z'))).toEqual({
      due: false,
      heldSinceLastReview: 1,
      every: 2,
    });
    expect(reviewDue(doc, new Date('2025-02-18T00:00:00Z')).due).toBe(true);
    expectOk(startReview(doc, { by: MENTOR, id: 'r1', at: new Date('2025-02-18T00:00:00Z') }));
    expect(reviewDue(doc, new Date('2025-02-18T00:00:00Z'))).toEqual({
      due: false,
      heldSinceLastReview: 0,
      every: 2,
    });
    // A cancelled session does not count.
    expectOk(updateSession(doc, { by: MENTOR, sessionId: 's3', status: 'cancelled' }));
    expect(reviewDue(doc, new Date('2025-03-10T00:00:00Z')).due).toBe(false);
    expect(reviewDue(doc, new Date('2025-03-18T00:00:00Z'))).toEqual({
      due: false,
      heldSinceLastReview: 1,
      every: 2,
    });
    expectOk(updateSession(doc, { by: MENTOR, sessionId: 's3', status: 'scheduled' }));
    expect(reviewDue(doc, new Date('2025-03-18T00:00:00Z')).due).toBe(true);
  });

  it('collects both answers, given while apart, and shared agreed changes', () => {
    const mentorDoc = createPairDoc(1);
    expectOk(startReview(mentorDoc, { by: MENTOR, id: 'r', at: new Date('2025-03-01T00:00:00Z') }));
    const menteeDoc = forkDoc(mentorDoc, 2);
    expectOk(
      answerReview(mentorDoc, {
        by: MENTOR,
        reviewId: 'r',
        assessment: 'on-track',
        whatToChange: 'Nothing',
        at: new Date('2025-03-01T10:00:00Z'),
      }),
    );
    expectOk(
      answerReview(menteeDoc, {
        by: MENTEE,
        reviewId: 'r',
        assessment: 'partly',
        whatToChange: 'Shorter sessions',
        at: new Date('2025-03-01T11:00:00Z'),
      }),
    );
    expectOk(
      setReviewAgreedChanges(mentorDoc, {
        by: MENTOR,
        reviewId: 'r',
        text: 'Meet for 45 minutes.',
      }),
    );
    expectOk(
      setReviewAgreedChanges(menteeDoc, { by: MENTEE, reviewId: 'r', text: 'Try 45 minutes.' }),
    );
    syncDocs(mentorDoc, menteeDoc);
    const [review] = listReviews(menteeDoc);
    expect(review?.answers).toEqual([
      {
        personId: MENTEE,
        assessment: 'partly',
        whatToChange: 'Shorter sessions',
        answeredAt: '2025-03-01T11:00:00.000Z',
      },
      {
        personId: MENTOR,
        assessment: 'on-track',
        whatToChange: 'Nothing',
        answeredAt: '2025-03-01T10:00:00.000Z',
      },
    ]);
    expect(listReviews(mentorDoc)).toEqual(listReviews(menteeDoc));
    // Both edits survive in the shared text.
    expect(review?.agreedChanges).toContain('45 minutes.');
    expect(review?.agreedChanges.length).toBeGreaterThan('Meet for 45 minutes.'.length);
    expectError(
      answerReview(mentorDoc, {
        by: MENTOR,
        reviewId: 'r',
        assessment: 'great' as 'partly',
        whatToChange: '',
      }),
      'INVALID_VALUE',
    );
    expectError(
      answerReview(mentorDoc, {
        by: MENTOR,
        reviewId: 'nope',
        assessment: 'partly',
        whatToChange: '',
      }),
      'NOT_FOUND',
    );
  });
});
