import { expect, type Locator } from '@playwright/test';

/**
 * Put the caret at the start or the end of a text field and type `text` there, then check it
 * landed. By default the text arrives as one input event (as a paste or an autocomplete does);
 * with `keystrokes`, one key press per character, each its own edit of the shared text.
 *
 * @example
 *   await typeAtEdge(page.getByTestId('session-notes'), { edge: 'end', text: ' More.' });
 */
export async function typeAtEdge(
  field: Locator,
  input: { edge: 'start' | 'end'; text: string; keystrokes?: boolean },
): Promise<void> {
  const before = await field.inputValue();
  await field.click();
  await field.press(input.edge === 'start' ? 'Control+Home' : 'Control+End');
  const keyboard = field.page().keyboard;
  if (input.keystrokes) await keyboard.type(input.text);
  else await keyboard.insertText(input.text);
  await expect(field).toHaveValue(
    input.edge === 'start' ? input.text + before : before + input.text,
  );
}
