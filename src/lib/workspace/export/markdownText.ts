/**
 * Escape text for Markdown so it reads back as typed, and a partner's text can never inject a
 * link, image, HTML, entity or emphasis: inline syntax characters get a backslash everywhere (CommonMark
 * allows one before any ASCII punctuation); block syntax (`#`, `-`, `+`, `=`, `1.`) only at the
 * start of a line, where it means something. Line breaks stay.
 *
 * @example
 *   escapeMarkdown('# not a heading <b>'); // '\\# not a heading \\<b\\>'
 */
export function escapeMarkdown(text: string): string {
  return (
    text
      .replace(/\r\n?/g, '\n')
      .replace(/[\\`*_[\]<>|~]/g, (char) => `\\${char}`)
      // `&` matters only where it starts an entity (`&amp;`, `&#60;`).
      .replace(/&(?=#?\w+;)/g, '\\&')
      .split('\n')
      .map((line) => line.replace(/^(\s*)([#+=-])/, '$1\\$2').replace(/^(\s*\d+)([.)])/, '$1\\$2'))
      .join('\n')
  );
}

/**
 * A multi-line text as a Markdown block: escaped, line breaks kept as hard breaks, paragraphs
 * kept, `empty` when blank.
 *
 * @example
 *   markdownBlock('line one\nline two'); // 'line one\\\nline two'
 */
export function markdownBlock(text: string, empty = '_(empty)_'): string {
  const trimmed = text.trim();
  if (trimmed === '') return empty;
  return escapeMarkdown(trimmed)
    .split(/\n\s*\n/)
    .map((paragraph) =>
      paragraph
        .split('\n')
        .map((line) => line.trimEnd())
        .join('\\\n'),
    )
    .join('\n\n');
}

/**
 * A text for inside one Markdown line (a list item, a heading, a table cell): escaped, with its
 * line breaks folded into spaces.
 *
 * @example
 *   inlineMarkdown('two\nlines'); // 'two lines'
 */
export function inlineMarkdown(text: string): string {
  return escapeMarkdown(text.replace(/\s*[\r\n]+\s*/g, ' ').trim());
}
