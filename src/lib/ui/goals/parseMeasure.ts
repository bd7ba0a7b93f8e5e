/**
 * A measure typed into a number field: `null` when left empty, `NaN` when not a number (the
 * domain then answers `OUT_OF_RANGE` for the field, shown beside it).
 *
 * @example
 *   parseMeasure(''); // null
 *   parseMeasure('2.5'); // 2.5
 */
export function parseMeasure(text: string): number | null {
  const trimmed = text.trim();
  if (trimmed === '') return null;
  return Number(trimmed.replace(',', '.'));
}
