/**
 * The one error funnel of the app: every failure the person should hear about goes through
 * `reportError`, which turns it into a plain-language notice and logs only its name and code
 * (never its message text, which might quote content). Notices are shown by `Notices.svelte`.
 *
 * @example
 *   try { await store.save(row); } catch (error) { reportError(error, 'Saving your change'); }
 */
export interface Notice {
  id: number;
  tone: 'error' | 'info';
  text: string;
}

class NoticeBoard {
  items = $state<Notice[]>([]);
  #nextId = 1;

  show(tone: Notice['tone'], text: string): number {
    const id = this.#nextId++;
    this.items.push({ id, tone, text });
    return id;
  }

  dismiss(id: number): void {
    this.items = this.items.filter((notice) => notice.id !== id);
  }
}

export const notices = new NoticeBoard();

/** Errors that already carry a message written for people, e.g. the store's "out of space". */
export interface UserFacingError {
  userMessage: string;
}

function isUserFacing(error: unknown): error is UserFacingError {
  return typeof (error as UserFacingError | null)?.userMessage === 'string';
}

export function describeError(error: unknown, doing: string): string {
  if (isUserFacing(error)) return error.userMessage;
  if (error instanceof DOMException && error.name === 'QuotaExceededError') {
    return `${doing} failed: this device is out of storage space. Nothing you wrote is lost; free some space and it will be saved.`;
  }
  return `${doing} failed. Nothing you wrote is lost; please try again.`;
}

export function reportError(error: unknown, doing: string): void {
  const name = error instanceof Error ? error.name : typeof error;
  const code = (error as { code?: unknown } | null)?.code;
  console.error(`[trellis] ${doing}: ${name}${typeof code === 'string' ? ` (${code})` : ''}`);
  notices.show('error', describeError(error, doing));
}
