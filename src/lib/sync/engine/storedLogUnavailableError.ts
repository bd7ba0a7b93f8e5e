// An open reports the workspace ready once the inner doc is (from the encrypted cache) and loads
// the stored outer doc just after. Sync files and membership changes work on the outer doc, so
// in that moment (or if the store could not be read) they refuse instead of acting on a part.

/** The workspace's stored log is not loaded yet, or could not be read. Nothing was changed. */
export class StoredLogUnavailableError extends Error {
  override readonly name = 'StoredLogUnavailableError';
  /** Read by the app's error funnel (`describeError`). */
  readonly userMessage = 'This pair is still loading on this device. Please try again in a moment.';

  constructor() {
    super('the stored log of this workspace is not loaded');
  }
}
