import type { DeviceHistory, FaultSpan, LampForecast, RoomHistory, UptimeWindow } from './fleet-api-types.js';
import type { FleetSql, SqlValue } from './fleet-sql.js';

const DAY = 86_400_000;
const UPTIME_WINDOWS: Record<UptimeWindow, number> = { '24h': DAY, '7d': 7 * DAY, '30d': 30 * DAY };

interface FaultRow {
  issue_id: string;
  device_id: string;
  status: string;
  detail: string | null;
  started_at: number | string;
  ended_at: number | string | null;
}

/**
 * History and trends from what the fleet stored: uptime is the share of a window no fault
 * covered (a room's: no fault of any of its devices); the reply-time trend and the lamp
 * hours come from the devices' sampled metrics; the lamp's replace-by date is where the
 * lamp hours' pace over the last 30 days meets the rated life.
 */
export class FleetHistory {
  constructor(
    private readonly sql: FleetSql,
    private readonly o: { lampRatedHours?: number } = {},
  ) {}

  async room(site: string, room: string, now = Date.now()): Promise<RoomHistory> {
    const since = now - UPTIME_WINDOWS['30d'];
    const rows = await this.sql.query<FaultRow>(
      'SELECT issue_id, device_id, status, detail, started_at, ended_at FROM fleet_device_faults WHERE site = ? AND room = ? AND (ended_at IS NULL OR ended_at >= ?) ORDER BY started_at DESC',
      [site, room, since],
    );
    const faults = rows.map((r) => span(r, now));
    const ids = (
      await this.sql.query<{ device_id: string }>('SELECT device_id FROM fleet_devices WHERE site = ? AND room = ? ORDER BY device_id', [site, room])
    ).map((r) => r.device_id);
    const devices: DeviceHistory[] = [];
    for (const id of ids)
      devices.push(
        await this.device(
          site,
          room,
          id,
          now,
          faults.filter((f) => f.deviceId === id),
        ),
      );
    return { site, room, uptime: uptimes(faults, now), faults, devices };
  }

  private async device(site: string, room: string, deviceId: string, now: number, faults: FaultSpan[]): Promise<DeviceHistory> {
    const since = now - UPTIME_WINDOWS['30d'];
    const samples = await this.sql.query<{
      at: number | string;
      reply_ms: number | null;
      lamp_hours: number | null;
      signal: number | null;
      signal_unit: string | null;
    }>('SELECT at, reply_ms, lamp_hours, signal, signal_unit FROM fleet_device_samples WHERE site = ? AND room = ? AND device_id = ? AND at >= ? ORDER BY at', [
      site,
      room,
      deviceId,
      since,
    ]);
    const replyMs = samples
      .filter((s) => s.reply_ms !== null && Number(s.at) >= now - UPTIME_WINDOWS['7d'])
      .map((s) => ({ at: Number(s.at), value: Number(s.reply_ms) }));
    // The latest unit names the trend; samples in another unit (a device replaced by another kind) are left out.
    const week = samples.filter((s) => s.signal !== null && s.signal_unit !== null && Number(s.at) >= now - UPTIME_WINDOWS['7d']);
    const unit = week.at(-1)?.signal_unit ?? null;
    const signal =
      unit === null ? null : { unit, points: week.filter((s) => s.signal_unit === unit).map((s) => ({ at: Number(s.at), value: Number(s.signal) })) };
    const lamps = samples.filter((s) => s.lamp_hours !== null).map((s) => ({ at: Number(s.at), hours: Number(s.lamp_hours) }));
    return { deviceId, uptime: uptimes(faults, now), faults, replyMs, signal, lamp: lampForecast(lamps, this.o.lampRatedHours ?? 3000, now) };
  }

  /** The devices with the most faults in the window, most first. */
  async flappers(
    now = Date.now(),
    windowMs = UPTIME_WINDOWS['7d'],
    limit = 10,
  ): Promise<Array<{ site: string; room: string; deviceId: string; faults: number }>> {
    const rows = await this.sql.query<{ site: string; room: string; device_id: string; faults: number | string }>(
      'SELECT site, room, device_id, COUNT(*) AS faults FROM fleet_device_faults WHERE started_at >= ? GROUP BY site, room, device_id ORDER BY COUNT(*) DESC, site, room, device_id LIMIT ?',
      [now - windowMs, limit],
    );
    return rows.map((r) => ({ site: r.site, room: r.room, deviceId: r.device_id, faults: Number(r.faults) }));
  }

  /** Per site, the rooms with the most issues opened in the window, most first (five a site). */
  async busiestRooms(now = Date.now(), windowMs = UPTIME_WINDOWS['30d']): Promise<Array<{ site: string; rooms: Array<{ room: string; issues: number }> }>> {
    const rows = await this.sql.query<{ site: string; room: string; issues: number | string }>(
      'SELECT site, room, COUNT(*) AS issues FROM fleet_issues WHERE opened_at >= ? GROUP BY site, room ORDER BY site, COUNT(*) DESC, room',
      [new Date(now - windowMs).toISOString()],
    );
    const bySite = new Map<string, Array<{ room: string; issues: number }>>();
    for (const r of rows) {
      const list = bySite.get(r.site) ?? [];
      if (list.length < 5) list.push({ room: r.room, issues: Number(r.issues) });
      bySite.set(r.site, list);
    }
    return [...bySite].map(([site, rooms]) => ({ site, rooms }));
  }

  /** Every fault in the window as CSV (one row a fault), for a spreadsheet. */
  async faultsCsv(filter: { site?: string; room?: string }, now = Date.now(), windowMs = UPTIME_WINDOWS['30d']): Promise<string> {
    const where = ['(ended_at IS NULL OR ended_at >= ?)'];
    const params: SqlValue[] = [now - windowMs];
    for (const [column, value] of [
      ['site', filter.site],
      ['room', filter.room],
    ] as const) {
      if (!value) continue;
      where.push(`${column} = ?`);
      params.push(value);
    }
    const rows = await this.sql.query<FaultRow & { site: string; room: string }>(
      `SELECT site, room, issue_id, device_id, status, detail, started_at, ended_at FROM fleet_device_faults WHERE ${where.join(' AND ')} ORDER BY started_at`,
      params,
    );
    const lines = [['site', 'room', 'device', 'status', 'started', 'ended', 'duration_s', 'detail', 'issue'].join(',')];
    for (const r of rows) {
      const s = span(r, now);
      lines.push(
        csvRow([
          r.site,
          r.room,
          r.device_id,
          r.status,
          iso(s.startedAt),
          s.endedAt === null ? '' : iso(s.endedAt),
          String(Math.round(s.durationMs / 1000)),
          r.detail ?? '',
          r.issue_id,
        ]),
      );
    }
    return `${lines.join('\r\n')}\r\n`;
  }
}

type Sample = {
  site: string;
  room: string;
  deviceId: string;
  at: number;
  metrics: Record<string, number>;
  /** The device's signal, when it reports one (frame rate, audio level). */
  signal?: { value: number; unit: string } | null;
};
type SampleRow = [
  site: string,
  room: string,
  deviceId: string,
  at: number,
  replyMs: number | null,
  lampHours: number | null,
  signal: number | null,
  signalUnit: string | null,
];

/** Rows per INSERT: 8 parameters each, far below both engines' limit on a statement's parameters. */
const SAMPLE_ROWS_PER_STATEMENT = 500;

/**
 * Records a device's reply time, lamp hours and signal at most once per `everyMs`, so the
 * table grows by the hour, not by the heartbeat. A batch's samples go in one multi-row INSERT, and one
 * write runs at a time: samples that arrive meanwhile join the next. A fleet that registers
 * 100,000 devices at once thus writes a few hundred statements on one connection, not one
 * committed statement per device racing the ingest for the pool and the database's log.
 */
export class DeviceSampler {
  private readonly last = new Map<string, number>();
  private pending: SampleRow[] = [];
  private writing: Promise<void> | undefined;

  constructor(
    private readonly sql: FleetSql,
    private readonly everyMs = 5 * 60_000,
  ) {}

  /** Resolves once these samples are stored (rejects if their write failed: samples are a trend, not retried). */
  observe(samples: readonly Sample[]): Promise<void> {
    for (const s of samples) {
      const reply = s.metrics.replyMs;
      const lamp = s.metrics.lampHours;
      const signal = s.signal ?? null;
      if (reply === undefined && lamp === undefined && signal === null) continue;
      const key = `${s.site}/${s.room}/${s.deviceId}`;
      if (s.at - (this.last.get(key) ?? Number.NEGATIVE_INFINITY) < this.everyMs) continue;
      this.last.set(key, s.at);
      this.pending.push([s.site, s.room, s.deviceId, s.at, reply ?? null, lamp ?? null, signal?.value ?? null, signal?.unit ?? null]);
    }
    this.writing ??= this.write().finally(() => (this.writing = undefined));
    return this.writing;
  }

  /** Resolves when nothing is being written (shutdown waits for it). */
  async idle(): Promise<void> {
    await this.writing?.catch(() => undefined);
  }

  private async write(): Promise<void> {
    while (this.pending.length > 0) {
      const rows = this.pending.splice(0, SAMPLE_ROWS_PER_STATEMENT);
      await this.sql.run(
        `INSERT INTO fleet_device_samples (site, room, device_id, at, reply_ms, lamp_hours, signal, signal_unit) VALUES ${rows.map(() => '(?, ?, ?, ?, ?, ?, ?, ?)').join(', ')}
          ON CONFLICT (site, room, device_id, at) DO NOTHING`,
        rows.flat(),
      );
    }
  }
}

function span(r: FaultRow, now: number): FaultSpan {
  const startedAt = Number(r.started_at);
  const endedAt = r.ended_at === null ? null : Number(r.ended_at);
  return { issueId: r.issue_id, deviceId: r.device_id, status: r.status, detail: r.detail, startedAt, endedAt, durationMs: (endedAt ?? now) - startedAt };
}

/** The share of each window not covered by any fault (overlapping faults counted once). */
function uptimes(faults: readonly Pick<FaultSpan, 'startedAt' | 'endedAt'>[], now: number): Record<UptimeWindow, number> {
  const out = {} as Record<UptimeWindow, number>;
  for (const [name, length] of Object.entries(UPTIME_WINDOWS) as Array<[UptimeWindow, number]>) {
    const from = now - length;
    const spans = faults
      .map((f) => [Math.max(from, f.startedAt), Math.min(now, f.endedAt ?? now)] as const)
      .filter(([a, b]) => b > a)
      .sort((x, y) => x[0] - y[0]);
    let down = 0;
    let reach = from;
    for (const [a, b] of spans) {
      const start = Math.max(a, reach);
      if (b > start) down += b - start;
      reach = Math.max(reach, b);
    }
    out[name] = 1 - down / length;
  }
  return out;
}

export function lampForecast(samples: ReadonlyArray<{ at: number; hours: number }>, ratedHours: number, now: number): LampForecast | null {
  const last = samples.at(-1);
  if (!last) return null;
  const first = samples[0]!;
  const days = (last.at - first.at) / DAY;
  const perDay = days >= 1 ? Math.max(0, (last.hours - first.hours) / days) : null;
  let replaceBy: string | null = null;
  if (last.hours >= ratedHours) replaceBy = new Date(now).toISOString();
  else if (perDay) replaceBy = new Date(last.at + ((ratedHours - last.hours) / perDay) * DAY).toISOString();
  return { hours: last.hours, perDay, replaceBy, ratedHours };
}

const iso = (ms: number) => new Date(ms).toISOString();

export function csvRow(cells: string[]): string {
  // Quote every cell that needs it; a leading = + - @ (or a tab or carriage return, which some
  // spreadsheets skip before reading the formula) is defused so a spreadsheet does not run it.
  return cells
    .map((c) => {
      const safe = /^[=+\-@\t\r]/.test(c) ? `'${c}` : c;
      return /[",\r\n]/.test(safe) ? `"${safe.replace(/"/g, '""')}"` : safe;
    })
    .join(',');
}
