import ICAL from 'ical.js';
import { IanaZone } from './ics-zones.js';
import { wallTimeToInstant } from './zoned-time.js';

/**
 * One ical.js time → one instant. Every TZID of the feed was registered before any time was
 * read (`registerFeedZones`): names with an IANA meaning as an `IanaZone` (Node's tz
 * database), others through the VTIMEZONE the feed carried. Floating times and all-day
 * dates are read in the room's own zone.
 */
export function icsTimeToInstant(time: ICAL.Time, roomTimeZone: string): Date {
  const wall = { year: time.year, month: time.month, day: time.day, hour: time.hour, minute: time.minute, second: time.second };
  if (time.isDate) return wallTimeToInstant({ ...wall, hour: 0, minute: 0, second: 0 }, roomTimeZone);
  const zone = time.zone;
  if (!zone || zone === ICAL.Timezone.localTimezone || zone.tzid === 'floating') return wallTimeToInstant(wall, roomTimeZone);
  if (zone === ICAL.Timezone.utcTimezone || zone.tzid === 'UTC')
    return new Date(Date.UTC(wall.year, wall.month - 1, wall.day, wall.hour, wall.minute, wall.second));
  if (zone instanceof IanaZone) return zone.instantOf(time);
  return time.toJSDate();
}
