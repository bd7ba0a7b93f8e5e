/** How long a download's object URL stays valid: the browser reads it shortly after the click. */
const REVOKE_AFTER_MS = 60_000;

/**
 * Save `blob` on the device as `fileName`, through the browser's download. Nothing leaves the
 * device: the link points at an in-memory object URL.
 *
 * @example
 *   downloadBlob(new Blob([markdown], { type: 'text/markdown' }), 'pair.md');
 */
export function downloadBlob(blob: Blob, fileName: string): void {
  const url = URL.createObjectURL(blob);
  const link = document.createElement('a');
  link.href = url;
  link.download = fileName;
  link.rel = 'noopener';
  link.style.display = 'none';
  document.body.append(link);
  link.click();
  link.remove();
  setTimeout(() => URL.revokeObjectURL(url), REVOKE_AFTER_MS);
}

/**
 * {@link downloadBlob} for text, e.g. an `.ics` calendar or a Markdown export.
 *
 * @example
 *   downloadText({ text: ics, fileName: 'session.ics', type: 'text/calendar' });
 */
export function downloadText(input: { text: string; fileName: string; type: string }): void {
  downloadBlob(new Blob([input.text], { type: `${input.type};charset=utf-8` }), input.fileName);
}
