import { RoomctlError, toRoomctlError } from '../../drivers/core/errors.js';
import type { RoomEventBus } from '../events/room-events.js';
import type { Logger } from '../logger.js';
import type { AgendaRepository } from '../meetings/agenda-repository.js';
import type { MeetingRepository } from '../meetings/meeting-repository.js';
import type { Db } from '../store/database.js';
import { CALENDAR_DEFAULTS, type CalendarConfig } from './calendar-config.js';
import type { Clock, TimerHandle } from './clock.js';
import { expandCalendar } from './ics-expand.js';
import { syncCalendarBookings, type SyncResult } from './booking-sync.js';
import { FeedGetError, getFeed, type FeedAnswer } from './feed-get.js';

export const CALENDAR_FAULT_ID = 'calendar-feed';
const MAX_FEED_BYTES = 8 * 1024 * 1024;

export interface CalendarFeedOptions {
  db: Db;
  meetings: MeetingRepository;
  agenda: AgendaRepository;
  config: CalendarConfig;
  clock: Clock;
  bus: RoomEventBus;
  log: Logger;
  roomTimeZone: string;
  badgeOf?: (email: string) => string | undefined;
  /** Called after the bookings changed, so the room state is recomputed. */
  onChange?: () => void;
}

export interface FeedState {
  url: string | null;
  goodAt: string | null;
  triedAt: string | null;
  lastError: string | null;
}

/**
 * The room's calendar: read over HTTP(S) on a schedule, expanded, and cached in SQLite with
 * the raw text of the last good read. A feed that fails or sends garbage changes nothing:
 * the last good schedule stays, a `fault.raised` goes out once, and `fault.cleared` when a
 * read works again. While offline, the cached text is re-expanded so the horizon keeps moving.
 */
export class CalendarFeed {
  private timer: TimerHandle | undefined;
  private refreshing: Promise<SyncResult | undefined> | undefined;

  constructor(private readonly options: CalendarFeedOptions) {}

  start(): void {
    if (!this.options.config.url) return;
    void this.refresh();
    const minutes = this.options.config.refreshMinutes ?? CALENDAR_DEFAULTS.refreshMinutes;
    this.timer = this.options.clock.setInterval(() => this.refresh(), minutes * 60_000);
  }

  stop(): void {
    this.options.clock.clearTimeout(this.timer);
  }

  state(): FeedState {
    const row = this.options.db.prepare("SELECT url, good_at AS goodAt, tried_at AS triedAt, last_error AS lastError FROM calendar_feed WHERE id = 'default'").get() as FeedState | undefined;
    return row ?? { url: this.options.config.url ?? null, goodAt: null, triedAt: null, lastError: null };
  }

  /** Reads the feed once (one read at a time); resolves with what changed, or undefined on failure. */
  refresh(): Promise<SyncResult | undefined> {
    this.refreshing ??= this.readOnce().finally(() => {
      this.refreshing = undefined;
    });
    return this.refreshing;
  }

  private window(): { from: Date; to: Date } {
    const now = this.options.clock.now();
    const days = this.options.config.horizonDays ?? CALENDAR_DEFAULTS.horizonDays;
    return { from: new Date(now.getTime() - 86_400_000), to: new Date(now.getTime() + days * 86_400_000) };
  }

  private apply(ics: string): SyncResult {
    const { meetings, agenda, roomTimeZone, badgeOf, clock } = this.options;
    const { from, to } = this.window();
    const drafts = expandCalendar(ics, { from, to, roomTimeZone, badgeOf });
    const result = syncCalendarBookings(meetings, agenda, drafts, from, to, clock.now());
    if (result.added + result.updated + result.cancelled > 0) this.options.onChange?.();
    return result;
  }

  private async readOnce(): Promise<SyncResult | undefined> {
    const { config, db, clock, log } = this.options;
    const url = config.url;
    if (!url) return undefined;
    const before = this.state();
    const triedAt = clock.now().toISOString();
    try {
      const ics = await fetchFeed(url, config.timeoutMs ?? CALENDAR_DEFAULTS.timeoutMs);
      const result = this.apply(ics);
      db.prepare(
        `INSERT INTO calendar_feed (id, url, ics, good_at, tried_at, last_error) VALUES ('default', ?, ?, ?, ?, NULL)
         ON CONFLICT(id) DO UPDATE SET url = excluded.url, ics = excluded.ics, good_at = excluded.good_at, tried_at = excluded.tried_at, last_error = NULL`,
      ).run(url, ics, triedAt, triedAt);
      if (before.lastError) this.options.bus.publish({ type: 'fault.cleared', faultId: CALENDAR_FAULT_ID, detail: 'calendar feed readable again' });
      log.debug({ ...result }, 'calendar refreshed');
      return result;
    } catch (err) {
      const error = toRoomctlError(err, 'ROOMCTL_E_CALENDAR_FEED');
      const detail = `${error.code}: ${error.message}`;
      db.prepare(
        `INSERT INTO calendar_feed (id, url, tried_at, last_error) VALUES ('default', ?, ?, ?)
         ON CONFLICT(id) DO UPDATE SET url = excluded.url, tried_at = excluded.tried_at, last_error = excluded.last_error`,
      ).run(url, triedAt, detail);
      if (!before.lastError) this.options.bus.publish({ type: 'fault.raised', faultId: CALENDAR_FAULT_ID, detail: `Calendar feed: ${error.message}; keeping the last good schedule` });
      log.warn({ err: error.message }, 'calendar feed failed; keeping the last good schedule');
      this.reapplyCache();
      return undefined;
    }
  }

  /** Offline: the last good text, expanded again for today's window. */
  private reapplyCache(): void {
    const row = this.options.db.prepare("SELECT ics FROM calendar_feed WHERE id = 'default' AND ics IS NOT NULL").get() as { ics: string } | undefined;
    if (!row) return;
    try {
      this.apply(row.ics);
    } catch (err) {
      this.options.log.error({ err: (err as Error).message }, 'cached calendar no longer expands');
    }
  }
}

async function fetchFeed(url: string, timeoutMs: number): Promise<string> {
  let answer: FeedAnswer;
  try {
    answer = await getFeed(url, { timeoutMs, maxBytes: MAX_FEED_BYTES, accept: 'text/calendar, */*;q=0.5' });
  } catch (err) {
    if (err instanceof FeedGetError && err.kind === 'oversize') throw new RoomctlError('ROOMCTL_E_CALENDAR_FEED', `${redact(url)} ${err.message}`);
    throw new RoomctlError('ROOMCTL_E_CALENDAR_FEED', `cannot read ${redact(url)}: ${(err as Error).message}`);
  }
  if (answer.status < 200 || answer.status > 299) throw new RoomctlError('ROOMCTL_E_CALENDAR_FEED', `${redact(url)} answered HTTP ${answer.status}`);
  return answer.text;
}

/** Published calendar URLs carry a secret in the path or query; logs and faults get the host only. */
function redact(url: string): string {
  try {
    const u = new URL(url);
    return `${u.protocol}//${u.host}/…`;
  } catch {
    return 'the feed URL';
  }
}
