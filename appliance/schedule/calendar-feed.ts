import { toRoomctlError } from '../../drivers/core/errors.js';
import type { CalendarHealth } from '../model/room-status.js';
import type { RoomEventBus } from '../model/room-events.js';
import type { Logger } from '../logger.js';
import type { AgendaRepository } from '../meetings/agenda-repository.js';
import type { MeetingRepository } from '../meetings/meeting-repository.js';
import type { Db } from '../store/database.js';
import { applyCalendarSyncInSlices, planCalendarSync, type SyncResult } from './booking-sync.js';
import { fetchFeedBytes, redactFeedUrl } from './calendar-fetch.js';
import { CALENDAR_DEFAULTS, type CalendarConfig } from './calendar-config.js';
import type { Clock, TimerHandle } from '../model/clock.js';
import { unfoldBytes } from './ics-unfold.js';
import { expandCalendarInSlices, type CalendarExpansion, type ShownEvent } from './ics-expand.js';

const CALENDAR_FAULT_ID = 'calendar-feed';
/** Reads in a row that must find the feed empty before a schedule that had bookings is cleared. */
const EMPTY_READS_BEFORE_CLEARING = 2;

interface CalendarFeedOptions {
  db: Db;
  meetings: MeetingRepository;
  agenda: AgendaRepository;
  config: CalendarConfig;
  clock: Clock;
  bus: RoomEventBus;
  log: Logger;
  roomTimeZone: string;
  badgeOf?: (email: string) => string | undefined;
  /** The room's check-in window (minutes before the start): a booking moved keeps the check-ins made in its new window. */
  checkInOpensMinutes?: number;
  /** Called after the bookings or the feed's health changed, so the room state is recomputed and pushed. */
  onChange?: () => void;
}

interface FeedState {
  url: string | null;
  goodAt: string | null;
  triedAt: string | null;
  lastError: string | null;
  health: CalendarHealth;
  skipped: string[];
  /** All-day and free entries of the window: shown, never booking the room. */
  shown: ShownEvent[];
}

/**
 * The room's calendar: read over HTTP(S) on a schedule, expanded a slice at a time, and
 * written to SQLite in one transaction with the raw text of the last good read. A feed that
 * fails or sends garbage changes nothing: the last good schedule stays, a `fault.raised`
 * goes out once, the health says why, and `fault.cleared` follows when a read works again.
 * While offline, the cached text is re-expanded so the horizon keeps moving.
 */
export class CalendarFeed {
  private timer: TimerHandle | undefined;
  private refreshing: Promise<SyncResult | undefined> | undefined;
  private skipped: string[] = [];
  private shown: ShownEvent[] = [];
  private emptyReads = 0;
  private current: CalendarHealth;

  constructor(private readonly options: CalendarFeedOptions) {
    const row = this.row();
    const failing = row?.lastError ?? null;
    this.current = !options.config.url
      ? { state: 'off', detail: null, since: null, goodAt: null, skipped: 0 }
      : { state: failing ? 'failing' : 'ok', detail: failing, since: row?.triedAt ?? null, goodAt: row?.goodAt ?? null, skipped: 0 };
  }

  start(): void {
    if (!this.options.config.url) return;
    void this.refresh();
    const minutes = this.options.config.refreshMinutes ?? CALENDAR_DEFAULTS.refreshMinutes;
    this.timer = this.options.clock.setInterval(() => this.refresh(), minutes * 60_000);
  }

  stop(): void {
    this.options.clock.clearTimeout(this.timer);
  }

  health(): CalendarHealth {
    return this.current;
  }

  /** All-day and free entries of the last read (shown on the panel, never booked). */
  shownEntries(): readonly ShownEvent[] {
    return this.shown;
  }

  state(): FeedState {
    const row = this.row();
    return {
      url: row?.url ?? this.options.config.url ?? null,
      goodAt: row?.goodAt ?? null,
      triedAt: row?.triedAt ?? null,
      lastError: row?.lastError ?? null,
      health: this.current,
      skipped: this.skipped,
      shown: this.shown,
    };
  }

  /** Reads the feed once (one read at a time); resolves with what changed, or undefined on failure. */
  refresh(): Promise<SyncResult | undefined> {
    this.refreshing ??= this.readOnce().finally(() => {
      this.refreshing = undefined;
    });
    return this.refreshing;
  }

  private row(): { url: string; goodAt: string | null; triedAt: string | null; lastError: string | null } | undefined {
    return this.options.db
      .prepare("SELECT url, good_at AS goodAt, tried_at AS triedAt, last_error AS lastError FROM calendar_feed WHERE id = 'default'")
      .get() as never;
  }

  private window(): { from: Date; to: Date } {
    const now = this.options.clock.now();
    const days = this.options.config.horizonDays ?? CALENDAR_DEFAULTS.horizonDays;
    return { from: new Date(now.getTime() - 86_400_000), to: new Date(now.getTime() + days * 86_400_000) };
  }

  private expand(ics: Uint8Array | string): Promise<CalendarExpansion> {
    const { roomTimeZone, badgeOf, config } = this.options;
    return expandCalendarInSlices(ics, {
      ...this.window(),
      roomTimeZone,
      badgeOf,
      roomAddresses: config.roomAddresses,
      maxBookings: config.maxBookings ?? CALENDAR_DEFAULTS.maxBookings,
    });
  }

  private async apply(expansion: CalendarExpansion): Promise<SyncResult> {
    const { meetings, agenda, clock, db, checkInOpensMinutes } = this.options;
    const { from, to } = this.window();
    const now = clock.now();
    const plan = planCalendarSync(meetings, expansion.bookings, from, to, now, checkInOpensMinutes);
    const result = await applyCalendarSyncInSlices(db, meetings, agenda, plan, now);
    this.skipped = expansion.skipped;
    this.shown = expansion.shown;
    return result;
  }

  /** An empty feed where bookings were: kept until it is empty at `EMPTY_READS_BEFORE_CLEARING` reads in a row. */
  private holdEmpty(expansion: CalendarExpansion): boolean {
    if (expansion.events > 0) {
      this.emptyReads = 0;
      return false;
    }
    const { from, to } = this.window();
    const hadBookings = this.options.meetings.between(from.toISOString(), to.toISOString(), ['booked']).some((m) => m.source === 'calendar');
    if (!hadBookings) return false;
    this.emptyReads++;
    return this.emptyReads < EMPTY_READS_BEFORE_CLEARING;
  }

  private setHealth(next: Omit<CalendarHealth, 'since' | 'goodAt'>, at: string, goodAt: string | null): void {
    const before = this.current;
    const since = before.state === next.state && before.detail === next.detail ? before.since : at;
    this.current = { ...next, since, goodAt };
    if (before.state !== next.state || before.detail !== next.detail || before.skipped !== next.skipped) this.options.onChange?.();
  }

  private async readOnce(): Promise<SyncResult | undefined> {
    const { config, db, clock, log } = this.options;
    const url = config.url;
    if (!url) return undefined;
    const before = this.row();
    const triedAt = clock.now().toISOString();
    try {
      const bytes = await fetchFeedBytes(url, {
        timeoutMs: config.timeoutMs ?? CALENDAR_DEFAULTS.timeoutMs,
        maxBytes: config.maxFeedBytes ?? CALENDAR_DEFAULTS.maxFeedBytes,
        redirectHosts: config.redirectHosts,
        privateRedirects: config.privateRedirects,
      });
      const expansion = await this.expand(bytes);
      if (this.holdEmpty(expansion)) {
        const detail = `${redactFeedUrl(url)} came back empty; keeping the last good schedule until it is still empty at the next read`;
        db.prepare("UPDATE calendar_feed SET tried_at = ?, last_error = NULL WHERE id = 'default'").run(triedAt);
        if (before?.lastError) this.options.bus.publish({ type: 'fault.cleared', faultId: CALENDAR_FAULT_ID, detail: 'calendar feed readable again' });
        log.warn({ feed: redactFeedUrl(url) }, 'calendar feed came back empty; keeping the last good schedule');
        this.setHealth({ state: 'holding', detail, skipped: this.skipped.length }, triedAt, before?.goodAt ?? null);
        return { added: 0, updated: 0, cancelled: 0 };
      }
      const result = await this.apply(expansion);
      db.prepare(
        `INSERT INTO calendar_feed (id, url, ics, good_at, tried_at, last_error) VALUES ('default', ?, ?, ?, ?, NULL)
         ON CONFLICT(id) DO UPDATE SET url = excluded.url, ics = excluded.ics, good_at = excluded.good_at, tried_at = excluded.tried_at, last_error = NULL`,
      ).run(url, unfoldBytes(bytes), triedAt, triedAt);
      if (before?.lastError) this.options.bus.publish({ type: 'fault.cleared', faultId: CALENDAR_FAULT_ID, detail: 'calendar feed readable again' });
      if (this.skipped.length > 0) log.warn({ skipped: this.skipped.slice(0, 20), count: this.skipped.length }, 'calendar feed read with parts left out');
      const emptied = expansion.events === 0 && result.cancelled > 0 ? `${redactFeedUrl(url)} stayed empty: the schedule was cleared` : null;
      this.setHealth({ state: 'ok', detail: emptied, skipped: this.skipped.length }, triedAt, triedAt);
      if (result.added + result.updated + result.cancelled > 0) this.options.onChange?.();
      log.debug({ ...result }, 'calendar refreshed');
      return result;
    } catch (err) {
      const error = toRoomctlError(err, 'ROOMCTL_E_CALENDAR_FEED');
      const detail = `${error.code}: ${error.message}`;
      db.prepare(
        `INSERT INTO calendar_feed (id, url, tried_at, last_error) VALUES ('default', ?, ?, ?)
         ON CONFLICT(id) DO UPDATE SET url = excluded.url, tried_at = excluded.tried_at, last_error = excluded.last_error`,
      ).run(url, triedAt, detail);
      if (!before?.lastError)
        this.options.bus.publish({
          type: 'fault.raised',
          faultId: CALENDAR_FAULT_ID,
          detail: `Calendar feed: ${error.message}; keeping the last good schedule`,
        });
      log.warn({ err: error.message }, 'calendar feed failed; keeping the last good schedule');
      // /status is open to anyone on the room's network: the feed's own words (a quoted line, a title) stay out of it.
      const reason = error.message.replace(/"[^"]*"/g, '"…"').slice(0, 300);
      this.setHealth({ state: 'failing', detail: `${reason}; keeping the last good schedule`, skipped: this.skipped.length }, triedAt, before?.goodAt ?? null);
      await this.reapplyCache();
      return undefined;
    }
  }

  /** Offline: the last good text, expanded again for today's window. */
  private async reapplyCache(): Promise<void> {
    const row = this.options.db.prepare("SELECT ics FROM calendar_feed WHERE id = 'default' AND ics IS NOT NULL").get() as { ics: string } | undefined;
    if (!row) return;
    try {
      const expansion = await this.expand(row.ics);
      if (expansion.events === 0) return;
      const result = await this.apply(expansion);
      if (result.added + result.updated + result.cancelled > 0) this.options.onChange?.();
    } catch (err) {
      this.options.log.error({ err: (err as Error).message }, 'cached calendar no longer expands');
    }
  }
}
