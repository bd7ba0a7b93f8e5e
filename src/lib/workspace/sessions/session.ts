export const SESSION_STATUSES = ['scheduled', 'cancelled'] as const;
export type SessionStatus = (typeof SESSION_STATUSES)[number];

/** Allowed session length, in minutes. */
export const SESSION_MINUTES = { min: 5, max: 480 } as const;

export interface AgendaTopic {
  id: string;
  sessionId: string;
  text: string;
  /** Discussed already. */
  covered: boolean;
  order: string | undefined;
  addedBy: string | undefined;
  addedAt: string | undefined;
}

/** A mentoring session. Its time is a UTC instant; `timeZone` is the zone it was set in. */
export interface Session {
  id: string;
  title: string;
  /** UTC ISO instant. */
  startsAt: string;
  /** UTC ISO instant, `startsAt + durationMinutes`. */
  endsAt: string;
  durationMinutes: number;
  /** The author's IANA zone when it was (re)scheduled. */
  timeZone: string;
  status: SessionStatus;
  /** The shared notes (a Y.Text in the doc, merged character by character). */
  notes: string;
  agenda: AgendaTopic[];
  createdBy: string | undefined;
  createdAt: string | undefined;
  updatedAt: string | undefined;
}

export interface ActionItem {
  id: string;
  title: string;
  ownerId: string;
  /** `YYYY-MM-DD` or `null`. */
  dueDate: string | null;
  done: boolean;
  doneAt: string | undefined;
  sessionId: string | null;
  goalId: string | null;
  createdBy: string | undefined;
  createdAt: string | undefined;
}

/** One person's short reflection after a session. */
export interface SessionReflection {
  id: string;
  sessionId: string;
  personId: string;
  /** What was useful. */
  useful: string;
  /** What to try next. */
  tryNext: string;
  writtenAt: string | undefined;
}
