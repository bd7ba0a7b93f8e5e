export const REVIEW_ASSESSMENTS = ['on-track', 'partly', 'off-track'] as const;
export type ReviewAssessment = (typeof REVIEW_ASSESSMENTS)[number];

/** Feedback from one person to the other. */
export interface Feedback {
  id: string;
  fromId: string;
  toId: string;
  /** What worked, to keep doing. */
  keep: string;
  /** What to change or try. */
  change: string;
  sessionId: string | null;
  givenAt: string | undefined;
}

export interface ReviewAnswer {
  personId: string;
  assessment: ReviewAssessment;
  whatToChange: string;
  answeredAt: string | undefined;
}

/** A joint review of the relationship, prompted every few sessions. */
export interface Review {
  id: string;
  startedBy: string | undefined;
  startedAt: string | undefined;
  /** Held sessions when it was started: the next review falls due from here. */
  heldSessionCount: number;
  answers: ReviewAnswer[];
  /** What both agree to change (shared text). */
  agreedChanges: string;
}
