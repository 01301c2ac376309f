import type { RoomConfig } from '../../appliance/config/config-schema.js';
import { expandCalendar } from '../../appliance/schedule/ics-expand.js';
import type { CheckResult } from './doctor-types.js';

/** The feed URL's host only: published calendar URLs carry their secret in the path or query. */
const hostOf = (url: string) => {
  try {
    const u = new URL(url);
    return `${u.protocol}//${u.host}/…`;
  } catch {
    return 'the feed URL';
  }
};

/** Reads the room's calendar feed once and expands the coming two weeks, the way the room does. */
export async function checkCalendar(config: RoomConfig, timeoutMs = 15_000): Promise<CheckResult> {
  const url = (config as { calendar?: { url?: string; timeoutMs?: number } }).calendar?.url;
  if (!url) return { area: 'calendar', name: 'feed', status: 'skip', detail: 'no calendar feed in the config: the room takes bookings from the panel only' };
  const where = hostOf(url);
  let text: string;
  try {
    const response = await fetch(url, { headers: { accept: 'text/calendar, */*;q=0.5' }, signal: AbortSignal.timeout(timeoutMs) });
    if (!response.ok) return { area: 'calendar', name: where, status: 'fail', code: 'ROOMCTL_E_CALENDAR_FEED', detail: `answered HTTP ${response.status}` };
    text = await response.text();
  } catch (err) {
    const reason = (err as Error).name === 'TimeoutError' ? `no answer in ${timeoutMs} ms` : ((err as { cause?: Error }).cause?.message ?? (err as Error).message);
    return { area: 'calendar', name: where, status: 'fail', code: 'ROOMCTL_E_CALENDAR_FEED', detail: `cannot read the feed: ${reason}` };
  }
  try {
    const from = new Date();
    const bookings = expandCalendar(text, { from, to: new Date(from.getTime() + 14 * 86_400_000), roomTimeZone: config.room.timezone });
    return { area: 'calendar', name: where, status: 'ok', detail: `fetched and read: ${bookings.length} booking(s) in the next 14 days` };
  } catch (err) {
    return { area: 'calendar', name: where, status: 'fail', code: 'ROOMCTL_E_CALENDAR_FEED', detail: `the feed is not a calendar: ${(err as Error).message}` };
  }
}
