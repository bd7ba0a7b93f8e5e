/** ISO weekdays 1 (Monday) … 7 (Sunday) with their names, for pickers and lists. */
export const WEEKDAYS = [
  { value: 1, label: 'Monday' },
  { value: 2, label: 'Tuesday' },
  { value: 3, label: 'Wednesday' },
  { value: 4, label: 'Thursday' },
  { value: 5, label: 'Friday' },
  { value: 6, label: 'Saturday' },
  { value: 7, label: 'Sunday' },
] as const;

/**
 * The name of an ISO weekday.
 *
 * @example
 *   weekdayName(1); // 'Monday'
 */
export function weekdayName(weekday: number): string {
  return WEEKDAYS.find((day) => day.value === weekday)?.label ?? `Day ${weekday}`;
}
