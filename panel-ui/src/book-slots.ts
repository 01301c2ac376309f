/**
 * When a booking from the phone may start, worked out from the rest of the day's busy times
 * (GET /api/v1/door/schedule). The appliance decides in the end (it refuses a conflict);
 * this only keeps the page from offering what it would refuse.
 */
interface BusyTime {
  start: string;
  end: string;
}

const QUARTER_MS = 15 * 60_000;
/** A quarter hour closer to now than this is not offered: "now" is. */
const NOT_RIGHT_AFTER_NOW_MS = 5 * 60_000;

/** The starts (ms) for a booking of `minutes`: now if it fits, then every quarter hour and every meeting's end, to the end of the day. */
export function freeStarts(busy: readonly BusyTime[], nowMs: number, dayEndMs: number, minutes: number): number[] {
  const length = minutes * 60_000;
  const taken = busy.map((b) => ({ start: Date.parse(b.start), end: Date.parse(b.end) }));
  const candidates = new Set<number>([nowMs]);
  for (let t = Math.ceil((nowMs + NOT_RIGHT_AFTER_NOW_MS) / QUARTER_MS) * QUARTER_MS; t < dayEndMs; t += QUARTER_MS) candidates.add(t);
  for (const b of taken) if (b.end > nowMs) candidates.add(b.end);
  const fits = (start: number) => start + length <= dayEndMs && taken.every((b) => start + length <= b.start || start >= b.end);
  return [...candidates].filter(fits).sort((a, b) => a - b);
}

type DaySegment = { kind: 'free'; start: number; end: number } | { kind: 'busy'; start: number; end: number; title: string | null };

/** The day from now to its end as free and busy stretches, in order (what the page lists). */
export function daySegments(busy: readonly (BusyTime & { title: string | null })[], nowMs: number, dayEndMs: number): DaySegment[] {
  const segments: DaySegment[] = [];
  let at = nowMs;
  for (const b of [...busy].sort((x, y) => x.start.localeCompare(y.start))) {
    const start = Math.max(Date.parse(b.start), nowMs);
    const end = Date.parse(b.end);
    if (start > at) segments.push({ kind: 'free', start: at, end: start });
    segments.push({ kind: 'busy', start, end, title: b.title });
    at = Math.max(at, end);
  }
  if (at < dayEndMs) segments.push({ kind: 'free', start: at, end: dayEndMs });
  return segments;
}
