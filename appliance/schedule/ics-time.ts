import type ICAL from 'ical.js';
import { isIanaZone, wallTimeToInstant } from './zoned-time.js';

/**
 * One ical.js time → one instant. IANA zone names go through Node's tz database (feeds
 * often name a zone without its VTIMEZONE); other names (Outlook's "W. Europe Standard
 * Time") through the VTIMEZONE the feed carried; floating times and all-day dates are read
 * in the room's own zone.
 */
export function icsTimeToInstant(time: ICAL.Time, roomTimeZone: string): Date {
  const wall = { year: time.year, month: time.month, day: time.day, hour: time.hour, minute: time.minute, second: time.second };
  if (time.isDate) return wallTimeToInstant({ ...wall, hour: 0, minute: 0, second: 0 }, roomTimeZone);
  const zone = time.zone;
  if (zone && zone.tzid === 'UTC') return new Date(Date.UTC(wall.year, wall.month - 1, wall.day, wall.hour, wall.minute, wall.second));
  const tzid = (time as { timezone?: string }).timezone ?? (zone && zone.tzid !== 'floating' ? zone.tzid : undefined);
  if (tzid && isIanaZone(tzid)) return wallTimeToInstant(wall, tzid);
  if (zone && zone.tzid !== 'floating') return time.toJSDate();
  return wallTimeToInstant(wall, roomTimeZone);
}
