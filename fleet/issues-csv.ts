import { csvRow, localTime, roomZones } from './csv-export.js';
import { ISSUES_CSV_DEFAULT_ROWS, ISSUES_CSV_MAX_ROWS } from './export-bounds.js';
import { issueSearchWhere, type IssueSearch } from './issue-search.js';
import type { FleetNames } from './fleet-api-types.js';
import type { SelfTestFaultReason } from '../appliance/model/room-events.js';
import type { FleetSql, SqlValue } from './fleet-sql.js';

/** Rows read per query while the issues export streams. */
const PAGE_ROWS = 500;

const COLUMNS =
  'id, kind, site, room, device_id, summary, opened_at, state, acknowledged_by, assigned_to, resolved_by, resolved_at, cleared_at, meeting, rating, comment, device_names, error_code, self_test, report_via';

const HEAD = [
  'id',
  'kind',
  'site',
  'room',
  'device',
  'summary',
  'opened',
  'state',
  'acknowledged_by',
  'assigned_to',
  'resolved_by',
  'resolved',
  'cleared',
  'meeting',
  'rating',
  'comment',
  'device_name',
  'code',
  'timezone',
  'opened_local',
  'resolved_local',
  // Why a failed self-test check failed (empty for other issues, and for a room of an earlier release): the
  // device's status then and its own words, how long the room waited, what a silent microphone heard (dBFS).
  'self_test_status',
  'self_test_said',
  'self_test_waited_ms',
  'self_test_heard_peak_db',
  'self_test_heard_above_db',
  'self_test_heard_within_ms',
  // The room's own note on the device's status when the device itself said nothing (e.g. "restarted from the
  // admin view"): apart from the device's words, so a sheet never takes the room's words for the device's.
  'self_test_room_said',
  // Problem reports: told at the room's panel (`panel`) or from a person's phone (`phone`), with the rating beside; empty when the room did not say.
  'reported_via',
];

interface IssueCsvRow {
  id: string;
  kind: string;
  site: string;
  room: string;
  device_id: string | null;
  summary: string;
  opened_at: string;
  state: string;
  acknowledged_by: string | null;
  assigned_to: string | null;
  resolved_by: string | null;
  resolved_at: string | null;
  cleared_at: string | null;
  meeting: string | null;
  rating: number | string | null;
  comment: string | null;
  /** JSON {en, zh-CN}: the device's names from the room's config. */
  device_names: string | null;
  error_code: string | null;
  /** JSON SelfTestFaultReason: why a failed self-test check's issue was opened. */
  self_test: string | null;
  report_via: string | null;
}

const numberCell = (v: unknown) => (typeof v === 'number' && Number.isFinite(v) ? String(v) : '');

/** The self-test columns of an issue: its check's reason as the room sent it, a cell each (numbers as numbers). */
function selfTestCells(json: string | null): string[] {
  const r = json ? (JSON.parse(json) as SelfTestFaultReason) : {};
  return [
    r.status ?? '',
    r.said ?? '',
    numberCell(r.waitedMs),
    numberCell(r.heard?.peakDb),
    numberCell(r.heard?.aboveDb),
    numberCell(r.heard?.withinMs),
    r.roomSaid ?? '',
  ];
}

/**
 * The issues a search finds, as CSV (one row an issue), newest first, at most `limit` rows
 * (default ISSUES_CSV_DEFAULT_ROWS, never more than ISSUES_CSV_MAX_ROWS), read a page at a
 * time (keyset-paged on opened_at and id); `more` when older issues were left out. The first
 * page is read before the answer starts, so a database that fails answers with a coded error.
 */
export async function issuesCsv(sql: FleetSql, search: IssueSearch): Promise<{ lines: AsyncGenerator<string>; more: boolean }> {
  const limit = Math.min(search.limit ?? ISSUES_CSV_DEFAULT_ROWS, ISSUES_CSV_MAX_ROWS);
  const { where, params } = issueSearchWhere(search);
  const zones = await roomZones(sql);
  const pages = issuePages(sql, where, params, limit);
  const first = await pages.next();
  const more =
    (await sql.query(`SELECT 1 AS x FROM fleet_issues WHERE ${where} ORDER BY opened_at DESC, id DESC LIMIT 1 OFFSET ?`, [...params, limit])).length > 0;
  const line = (i: IssueCsvRow) => {
    const zone = zones.get(`${i.site}/${i.room}`);
    return `${csvRow([
      i.id,
      i.kind,
      i.site,
      i.room,
      i.device_id ?? '',
      i.summary,
      i.opened_at,
      i.state,
      i.acknowledged_by ?? '',
      i.assigned_to ?? '',
      i.resolved_by ?? '',
      i.resolved_at ?? '',
      i.cleared_at ?? '',
      i.meeting ?? '',
      i.rating === null ? '' : String(Number(i.rating)),
      i.comment ?? '',
      i.device_names ? ((JSON.parse(i.device_names) as FleetNames).en ?? '') : '',
      i.error_code ?? '',
      zone ?? '',
      localTime(i.opened_at, zone),
      localTime(i.resolved_at, zone),
      ...selfTestCells(i.self_test),
      i.report_via ?? '',
    ])}\r\n`;
  };
  const lines = (async function* () {
    // Columns added later come last (the room's zone and its wall-clock times, then the self-test's, then where a report came from): a sheet that reads the first columns by place still does.
    yield `${HEAD.join(',')}\r\n`;
    if (first.done) return;
    yield first.value.map(line).join('');
    for await (const page of pages) yield page.map(line).join('');
  })();
  return { lines, more };
}

async function* issuePages(sql: FleetSql, where: string, params: SqlValue[], limit: number): AsyncGenerator<IssueCsvRow[]> {
  let left = limit;
  let after: { openedAt: string; id: string } | undefined;
  while (left > 0) {
    const page = Math.min(PAGE_ROWS, left);
    const below = after ? ' AND (opened_at, id) < (?, ?)' : '';
    const rows = await sql.query<IssueCsvRow>(`SELECT ${COLUMNS} FROM fleet_issues WHERE ${where}${below} ORDER BY opened_at DESC, id DESC LIMIT ?`, [
      ...params,
      ...(after ? [after.openedAt, after.id] : []),
      page,
    ]);
    if (rows.length > 0) yield rows;
    if (rows.length < page) return;
    left -= rows.length;
    const last = rows.at(-1)!;
    after = { openedAt: last.opened_at, id: last.id };
  }
}
