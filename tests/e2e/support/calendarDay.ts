/**
 * The `YYYY-MM-DD` date `offsetDays` from today on the wall calendar of `timeZone`: what a
 * person there would type into a date field.
 *
 * @example
 *   calendarDay({ timeZone: 'Europe/Berlin', offsetDays: 1 }); // tomorrow in Berlin
 */
export function calendarDay(input: { timeZone: string; offsetDays: number }): string {
  const at = new Date(Date.now() + input.offsetDays * 86_400_000);
  // en-CA formats dates as YYYY-MM-DD.
  return new Intl.DateTimeFormat('en-CA', {
    timeZone: input.timeZone,
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
  }).format(at);
}
