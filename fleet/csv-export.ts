import { Readable } from 'node:stream';
import type { FastifyReply } from 'fastify';
import { isIanaZone, wallTimeAt } from '../appliance/schedule/zoned-time.js';
import { MORE_ROWS_HEADER } from './export-bounds.js';
import type { FleetSql } from './fleet-sql.js';

/**
 * UTF-8's byte-order mark, first in every export: without it Excel reads a CSV in the
 * computer's legacy code page, and a room or device named in Chinese comes out garbled.
 */
const BOM = '\uFEFF';

/**
 * Answers with a CSV export: the byte-order mark, then the lines as they come (a page at a
 * time: no Content-Length, the file is never built whole), and whether older rows past the
 * export's limit were left out (the dashboard says so).
 */
export function sendCsv(reply: FastifyReply, file: { name: string; lines: AsyncIterable<string>; more: boolean }): FastifyReply {
  async function* withBom() {
    yield BOM;
    yield* file.lines;
  }
  return reply
    .type('text/csv; charset=utf-8')
    .header('content-disposition', `attachment; filename="${file.name}"`)
    .header(MORE_ROWS_HEADER, String(file.more))
    .send(Readable.from(withBom(), { objectMode: false }));
}

/** A plain decimal number (a level in dB, a rating): a spreadsheet reads it as a number, and runs nothing. */
const PLAIN_NUMBER = /^-?\d+(\.\d+)?$/;

export function csvRow(cells: string[]): string {
  // Quote every cell that needs it; a leading = + - @ (or a tab or carriage return, which some
  // spreadsheets skip before reading the formula) is defused so a spreadsheet does not run it —
  // but for a plain negative number, which must stay a number a sheet can sum.
  return cells
    .map((c) => {
      const safe = /^[=+\-@\t\r]/.test(c) && !PLAIN_NUMBER.test(c) ? `'${c}` : c;
      return /[",\r\n]/.test(safe) ? `"${safe.replace(/"/g, '""')}"` : safe;
    })
    .join(',');
}

/**
 * The time zone of every room that told one (its retained state; `site/room` → IANA name).
 * The exports give each time twice: as the ISO instant in UTC the API uses, and as the wall
 * clock of the room it happened in — what the people there saw, and what a spreadsheet reads
 * as a date.
 */
export async function roomZones(sql: FleetSql): Promise<Map<string, string>> {
  const rows = await sql.query<{ site: string; room: string; timezone: string }>('SELECT site, room, timezone FROM fleet_rooms WHERE timezone IS NOT NULL');
  return new Map(rows.filter((r) => isIanaZone(r.timezone)).map((r) => [`${r.site}/${r.room}`, r.timezone]));
}

const two = (n: number) => String(n).padStart(2, '0');

/** `2026-03-02 17:00:00` on the wall clock of `zone` (a form every spreadsheet reads as a date and time); empty without a zone or a time. */
export function localTime(instant: number | string | null, zone: string | undefined): string {
  const ms = typeof instant === 'string' ? Date.parse(instant) : instant;
  if (ms === null || !Number.isFinite(ms) || !zone) return '';
  const w = wallTimeAt(new Date(ms), zone);
  return `${w.year}-${two(w.month)}-${two(w.day)} ${two(w.hour)}:${two(w.minute)}:${two(w.second)}`;
}
