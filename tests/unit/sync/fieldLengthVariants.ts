// Links of fixed-size fields have exactly one parse; these variants attack that: the same content
// with one field one byte short or one byte long, which a parser must refuse even when the
// checksum appended to it holds.
import { concatBytes } from '$lib/crypto';

/**
 * For every field but the checksum, `content` (the bytes before the checksum) with that field one
 * byte short and one byte long, labelled `"<field> short"` / `"<field> long"`.
 *
 * @example
 *   for (const { label, bytes } of fieldLengthVariants(content, INVITE_OFFER_FIELDS)) …
 */
export function fieldLengthVariants(
  content: Uint8Array,
  fields: Record<string, { offset: number; bytes: number }>,
): { label: string; bytes: Uint8Array }[] {
  return Object.entries(fields)
    .filter(([name]) => name !== 'checksum')
    .flatMap(([name, field]) => {
      const end = field.offset + field.bytes;
      const extra = new Uint8Array([0x5a]);
      return [
        {
          label: `${name} short`,
          bytes: concatBytes([content.subarray(0, end - 1), content.subarray(end)]),
        },
        {
          label: `${name} long`,
          bytes: concatBytes([content.subarray(0, end), extra, content.subarray(end)]),
        },
      ];
    });
}
