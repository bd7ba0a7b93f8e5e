import { daysBetween, parseCalendarDate } from './calendarDate';
import { intlTimeZone, zoneOrUtc } from './isValidTimeZone';
import { utcToLocal, type LocalDateTime } from './utcToLocal';

/** One side of a pair's view of an instant: the wall clock, and a label in the viewer's locale. */
export interface ZonedLabel extends LocalDateTime {
  /** e.g. `Mon 1 Jul 2024, 09:00` (`en-GB`); the locale decides the form. */
  label: string;
}

export interface PairTime {
  viewer: ZonedLabel;
  /** Absent when no partner zone was given. */
  partner?: ZonedLabel & {
    /** The partner's date relative to the viewer's: -1 (their yesterday), 0, +1 (tomorrow). */
    dayOffset: number;
  };
}

/**
 * An instant for the person looking at it, with their partner's local time beside it (for
 * scheduling across zones). An unknown zone falls back to UTC rather than failing the screen.
 *
 * @example
 *   formatForPair({ instant: new Date('2024-07-01T07:00:00Z'), viewerTimeZone: 'Europe/Berlin',
 *     partnerTimeZone: 'Asia/Kathmandu', locale: 'en-GB' });
 *   // viewer.time '09:00'; partner.time '12:45', partner.dayOffset 0
 */
export function formatForPair(input: {
  instant: Date;
  viewerTimeZone: string;
  partnerTimeZone?: string;
  locale?: string;
}): PairTime {
  const viewer = labelIn(input.instant, zoneOrUtc(input.viewerTimeZone), input.locale);
  if (input.partnerTimeZone === undefined) return { viewer };
  const partner = labelIn(input.instant, zoneOrUtc(input.partnerTimeZone), input.locale);
  const viewerDate = parseCalendarDate(viewer.date);
  const partnerDate = parseCalendarDate(partner.date);
  const dayOffset = viewerDate && partnerDate ? daysBetween(viewerDate, partnerDate) : 0;
  return { viewer, partner: { ...partner, dayOffset } };
}

function labelIn(instant: Date, timeZone: string, locale: string | undefined): ZonedLabel {
  const label = new Intl.DateTimeFormat(locale, {
    timeZone: intlTimeZone(timeZone) ?? 'UTC',
    weekday: 'short',
    day: 'numeric',
    month: 'short',
    year: 'numeric',
    hour: '2-digit',
    minute: '2-digit',
  }).format(instant);
  return { ...utcToLocal(instant, timeZone), label };
}
