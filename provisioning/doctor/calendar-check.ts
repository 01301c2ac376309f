import type { RoomConfig } from '../../appliance/config/config-schema.js';
import { fetchFeedBytes, redactFeedUrl } from '../../appliance/schedule/calendar-fetch.js';
import { CALENDAR_DEFAULTS, type CalendarConfig } from '../../appliance/schedule/calendar-config.js';
import { expandCalendarFully } from '../../appliance/schedule/ics-expand.js';
import type { CheckResult } from './doctor-types.js';
import { answeredWithin } from './doctor-wait.js';

/**
 * Reads the room's calendar feed once, with the room's limits, and expands the coming two weeks
 * the way the room does. Doctor keeps the wait itself, as for the room and the broker: a reply
 * deadline of `timeoutMs` (by default the time the room gives a read, `calendar.timeoutMs`),
 * so a doctor held up on a busy room PC reads the feed that came meanwhile before it calls the
 * server silent; the room's own timer would have fired first.
 */
export async function checkCalendar(config: RoomConfig, timeoutMs?: number): Promise<CheckResult> {
  const calendar = (config as { calendar?: CalendarConfig }).calendar;
  const url = calendar?.url;
  if (!url) return { area: 'calendar', name: 'feed', status: 'skip', detail: 'no calendar feed in the config: the room takes bookings from the panel only' };
  // Published calendar URLs carry their secret in the path or query: the report names the host only.
  const where = redactFeedUrl(url);
  let bytes: Uint8Array;
  try {
    bytes = await answeredWithin(timeoutMs ?? calendar.timeoutMs ?? CALENDAR_DEFAULTS.timeoutMs, (signal) =>
      fetchFeedBytes(url, {
        signal,
        maxBytes: calendar.maxFeedBytes ?? CALENDAR_DEFAULTS.maxFeedBytes,
        redirectHosts: calendar.redirectHosts,
        privateRedirects: calendar.privateRedirects,
      }),
    );
  } catch (err) {
    return { area: 'calendar', name: where, status: 'fail', code: 'ROOMCTL_E_CALENDAR_FEED', detail: `cannot read the feed: ${(err as Error).message}` };
  }
  try {
    const from = new Date();
    const result = expandCalendarFully(bytes, {
      from,
      to: new Date(from.getTime() + 14 * 86_400_000),
      roomTimeZone: config.room.timezone,
      roomAddresses: calendar.roomAddresses,
    });
    const left = result.skipped.length > 0 ? `; ${result.skipped.length} part(s) left out, first: ${result.skipped[0]}` : '';
    return {
      area: 'calendar',
      name: where,
      status: result.skipped.length > 0 ? 'warn' : 'ok',
      detail: `fetched and read: ${result.bookings.length} booking(s) and ${result.shown.length} all-day or free entr(y/ies) in the next 14 days${left}`,
    };
  } catch (err) {
    return { area: 'calendar', name: where, status: 'fail', code: 'ROOMCTL_E_CALENDAR_FEED', detail: `the feed is not a calendar: ${(err as Error).message}` };
  }
}
