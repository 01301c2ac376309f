import { MINUTE } from '../model/clock.js';
import { offsetAt } from './zoned-time.js';

/**
 * A zone's UTC offsets as a table of changes per year, so a series of thousands of
 * occurrences costs arithmetic, not thousands of Intl calls. The table is found from Intl
 * itself: the offset at the start of each month, and where two months differ, the minute
 * of the change by bisection (about 60 Intl calls per zone and year, kept for the process).
 */
interface Change {
  /** From this instant (ms) on… */
  at: number;
  /** …the zone is this far from UTC (ms). */
  offset: number;
}

const tables = new Map<string, Change[]>();

function yearTable(zone: string, year: number): Change[] {
  const key = `${zone}|${year}`;
  let table = tables.get(key);
  if (table) return table;
  const bounds = Array.from({ length: 13 }, (_, m) => Date.UTC(year, m, 1));
  table = [{ at: bounds[0]!, offset: offsetAt(bounds[0]!, zone) }];
  for (let m = 0; m < 12; m++) {
    let lo = bounds[m]!;
    let hi = bounds[m + 1]!;
    const end = offsetAt(hi, zone);
    if (end === table.at(-1)!.offset) continue;
    // One change inside the month (zones change at most once a month): find its minute.
    const before = table.at(-1)!.offset;
    while (hi - lo > MINUTE) {
      const mid = lo + Math.floor((hi - lo) / 2 / MINUTE) * MINUTE;
      if (offsetAt(mid, zone) === before) lo = mid;
      else hi = mid;
    }
    table.push({ at: hi, offset: end });
  }
  if (tables.size > 2000) tables.clear();
  tables.set(key, table);
  return table;
}

/** Offset of `zone` from UTC at `instant` (ms), from the table. */
export function tableOffsetAt(instant: number, zone: string): number {
  const table = yearTable(zone, new Date(instant).getUTCFullYear());
  let offset = table[0]!.offset;
  for (const change of table) {
    if (change.at > instant) break;
    offset = change.offset;
  }
  return offset;
}

/**
 * The instant (ms) of a wall time given as if it were UTC (`Date.UTC(...)` of the wall
 * reading), with the rules of `wallTimeToInstant`: the first of a repeated wall time, a
 * skipped one moved forward by the gap.
 */
export function wallUtcToInstant(wallUtc: number, zone: string): number {
  let best: number | undefined;
  for (const probe of [wallUtc - 86_400_000, wallUtc, wallUtc + 86_400_000]) {
    const t = wallUtc - tableOffsetAt(probe, zone);
    if (t + tableOffsetAt(t, zone) === wallUtc && (best === undefined || t < best)) best = t;
  }
  return best ?? wallUtc - tableOffsetAt(wallUtc - 86_400_000, zone);
}
