import type { DeviceHistory, FaultSpan, FleetNames, LampForecast, RoomHistory, UptimeWindow } from './fleet-api-types.js';
import type { FleetSql, SqlValue } from './fleet-sql.js';
import { csvRow, localTime, roomZones } from './csv-export.js';
import { FAULTS_CSV_DEFAULT_ROWS, FAULTS_CSV_MAX_ROWS } from './export-bounds.js';

const DAY = 86_400_000;
const UPTIME_WINDOWS: Record<UptimeWindow, number> = { '24h': DAY, '7d': 7 * DAY, '30d': 30 * DAY };

interface FaultRow {
  issue_id: string;
  device_id: string;
  status: string;
  detail: string | null;
  error_code: string | null;
  started_at: number | string;
  ended_at: number | string | null;
  ended_by: string | null;
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
      'SELECT issue_id, device_id, status, detail, error_code, started_at, ended_at, ended_by FROM fleet_device_faults WHERE site = ? AND room = ? AND (ended_at IS NULL OR ended_at >= ?) ORDER BY started_at DESC',
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

  /** The devices with the most faults in the window, most first, with their names (from their issues: the room's config then). */
  async flappers(
    now = Date.now(),
    windowMs = UPTIME_WINDOWS['7d'],
    limit = 10,
  ): Promise<Array<{ site: string; room: string; deviceId: string; deviceNames: FleetNames | null; faults: number }>> {
    const rows = await this.sql.query<{ site: string; room: string; device_id: string; names: string | null; faults: number | string }>(
      `SELECT f.site, f.room, f.device_id, MAX(i.device_names) AS names, COUNT(*) AS faults FROM fleet_device_faults f LEFT JOIN fleet_issues i ON i.id = f.issue_id
        WHERE f.started_at >= ? GROUP BY f.site, f.room, f.device_id ORDER BY COUNT(*) DESC, f.site, f.room, f.device_id LIMIT ?`,
      [now - windowMs, limit],
    );
    return rows.map((r) => ({
      site: r.site,
      room: r.room,
      deviceId: r.device_id,
      deviceNames: r.names ? (JSON.parse(r.names) as FleetNames) : null,
      faults: Number(r.faults),
    }));
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

  /**
   * The faults of the window as CSV (one row a fault), newest first, at most `limit` rows
   * (default FAULTS_CSV_DEFAULT_ROWS, never more than FAULTS_CSV_MAX_ROWS), given a page at a
   * time so a large export holds one page in memory, not the whole file; `more` when older
   * faults were left out. The first page is read before the answer starts: a database that
   * fails, fails with a coded error, not as a file cut short.
   */
  async faultsCsv(
    filter: { site?: string; room?: string; limit?: number },
    now = Date.now(),
    windowMs = UPTIME_WINDOWS['30d'],
  ): Promise<{ lines: AsyncGenerator<string>; more: boolean }> {
    const limit = Math.min(filter.limit ?? FAULTS_CSV_DEFAULT_ROWS, FAULTS_CSV_MAX_ROWS);
    const { where, params } = faultsWhere(filter, now - windowMs);
    const zones = await roomZones(this.sql);
    const pages = this.faultPages(where, params, limit);
    const first = await pages.next();
    const more =
      (
        await this.sql.query(`SELECT 1 AS x FROM fleet_device_faults f WHERE ${where} ORDER BY f.started_at DESC, f.id DESC LIMIT 1 OFFSET ?`, [
          ...params,
          limit,
        ])
      ).length > 0;
    const line = (r: FaultCsvRow) => `${faultCsvRow(r, now, zones.get(`${r.site}/${r.room}`))}\r\n`;
    const lines = (async function* () {
      // After the first nine: the device's name and the fault's code, then the room's zone and its wall-clock times, then who
      // ended it by hand (a sheet that reads the first ones by place still does).
      yield `${['site', 'room', 'device', 'status', 'started', 'ended', 'duration_s', 'detail', 'issue', 'device_name', 'code', 'timezone', 'started_local', 'ended_local', 'ended_by'].join(',')}\r\n`;
      if (first.done) return;
      yield first.value.map(line).join('');
      for await (const page of pages) yield page.map(line).join('');
    })();
    return { lines, more };
  }

  /** The faults of `where`, newest first, in pages, keyset-paged on (started_at, id). */
  private async *faultPages(where: string, params: SqlValue[], limit: number): AsyncGenerator<FaultCsvRow[]> {
    let left = limit;
    let after: { startedAt: number; id: string } | undefined;
    while (left > 0) {
      const page = Math.min(FAULTS_CSV_PAGE_ROWS, left);
      const below = after ? ' AND (f.started_at, f.id) < (?, ?)' : '';
      // The device's names from its issue (the room's config when it opened): the fault rows keep the id only.
      const rows = await this.sql.query<FaultCsvRow>(
        `SELECT f.id, f.site, f.room, f.issue_id, f.device_id, f.status, f.detail, f.error_code, f.started_at, f.ended_at, f.ended_by, i.device_names
          FROM fleet_device_faults f LEFT JOIN fleet_issues i ON i.id = f.issue_id
          WHERE ${where}${below} ORDER BY f.started_at DESC, f.id DESC LIMIT ?`,
        [...params, ...(after ? [after.startedAt, after.id] : []), page],
      );
      if (rows.length > 0) yield rows;
      if (rows.length < page) return;
      left -= rows.length;
      const last = rows.at(-1)!;
      after = { startedAt: Number(last.started_at), id: last.id };
    }
  }
}

/** The faults that ended after `since` or go on, of one site or room when asked. */
function faultsWhere(filter: { site?: string; room?: string }, since: number): { where: string; params: SqlValue[] } {
  const where = ['(f.ended_at IS NULL OR f.ended_at >= ?)'];
  const params: SqlValue[] = [since];
  for (const [column, value] of [
    ['site', filter.site],
    ['room', filter.room],
  ] as const) {
    if (!value) continue;
    where.push(`f.${column} = ?`);
    params.push(value);
  }
  return { where: where.join(' AND '), params };
}

type FaultCsvRow = FaultRow & { id: string; site: string; room: string; device_names: string | null };

/** Rows read per query while the faults export streams. */
const FAULTS_CSV_PAGE_ROWS = 500;

function faultCsvRow(r: FaultCsvRow, now: number, zone: string | undefined): string {
  const s = span(r, now);
  return csvRow([
    r.site,
    r.room,
    r.device_id,
    r.status,
    iso(s.startedAt),
    s.endedAt === null ? '' : iso(s.endedAt),
    String(Math.round(s.durationMs / 1000)),
    r.detail ?? '',
    r.issue_id,
    r.device_names ? ((JSON.parse(r.device_names) as FleetNames).en ?? '') : '',
    r.error_code ?? '',
    zone ?? '',
    localTime(s.startedAt, zone),
    localTime(s.endedAt, zone),
    r.ended_by ?? '',
  ]);
}

function span(r: FaultRow, now: number): FaultSpan {
  const startedAt = Number(r.started_at);
  const endedAt = r.ended_at === null ? null : Number(r.ended_at);
  return {
    issueId: r.issue_id,
    deviceId: r.device_id,
    status: r.status,
    detail: r.detail,
    errorCode: r.error_code ?? null,
    startedAt,
    endedAt,
    endedBy: r.ended_by ?? null,
    durationMs: (endedAt ?? now) - startedAt,
  };
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
