/**
 * Compare by UTF-16 code units, the same on every device. `localeCompare` is not used for
 * ordering that must agree across replicas: its result depends on the runtime's locale data.
 *
 * @example
 *   ids.sort(compareStrings);
 */
export function compareStrings(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
