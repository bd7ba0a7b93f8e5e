// Local edits wait in the seal queue for up to the batching delay; when the page is hidden
// (tab switched, phone locked, app closed) it may never run again, so the queue is sealed at
// once. `pagehide` covers browsers that skip `visibilitychange` on unload.

/** Tells the engine when the page stops being visible. */
export interface PageLifecycle {
  /** Calls `listener` whenever the page is hidden; returns the unsubscribe function. */
  onHidden(listener: () => void): () => void;
}

/**
 * The browser's page lifecycle, or one that never fires where there is no `document` (Node).
 *
 * @example
 *   const stop = browserPageLifecycle().onHidden(() => void engine.flush());
 */
export function browserPageLifecycle(): PageLifecycle {
  return {
    onHidden(listener) {
      if (typeof document === 'undefined' || typeof window === 'undefined') return () => {};
      const onVisibility = () => {
        if (document.visibilityState === 'hidden') listener();
      };
      document.addEventListener('visibilitychange', onVisibility);
      window.addEventListener('pagehide', listener);
      return () => {
        document.removeEventListener('visibilitychange', onVisibility);
        window.removeEventListener('pagehide', listener);
      };
    },
  };
}
