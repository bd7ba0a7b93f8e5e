/**
 * Copies `field`'s text to the clipboard and answers whether it did. Without clipboard
 * permission (or in an old browser) it selects the text instead, so Ctrl+C copies it.
 *
 * @example
 *   copied = await copyFromField(input);
 */
export async function copyFromField(field: HTMLInputElement | undefined): Promise<boolean> {
  if (!field) return false;
  try {
    await navigator.clipboard.writeText(field.value);
    return true;
  } catch {
    field.focus();
    field.select();
    return false;
  }
}
