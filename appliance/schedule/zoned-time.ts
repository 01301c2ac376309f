/**
 * Wall-clock time in a named zone ↔ instants, using the tz database that ships with Node
 * (Intl). Calendar feeds name IANA zones without always including a VTIMEZONE, and a
 * booking at 10:00 Berlin must stay at 10:00 when Berlin moves its clocks.
 */
interface WallTime {
  year: number;
  month: number; // 1..12
  day: number;
  hour: number;
  minute: number;
  second: number;
}

const formatters = new Map<string, Intl.DateTimeFormat>();

function formatter(timeZone: string): Intl.DateTimeFormat {
  let f = formatters.get(timeZone);
  if (!f) {
    f = new Intl.DateTimeFormat('en-US', {
      timeZone,
      hourCycle: 'h23',
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
      hour: '2-digit',
      minute: '2-digit',
      second: '2-digit',
    });
    formatters.set(timeZone, f);
  }
  return f;
}

export function isIanaZone(timeZone: string): boolean {
  try {
    formatter(timeZone);
    return true;
  } catch {
    return false;
  }
}

/** The wall-clock reading in `timeZone` at `instant`. */
export function wallTimeAt(instant: Date, timeZone: string): WallTime {
  const parts = Object.fromEntries(
    formatter(timeZone)
      .formatToParts(instant)
      .map((p) => [p.type, p.value]),
  );
  return {
    year: Number(parts.year),
    month: Number(parts.month),
    day: Number(parts.day),
    hour: Number(parts.hour) % 24,
    minute: Number(parts.minute),
    second: Number(parts.second),
  };
}

function asUtc(w: WallTime): number {
  return Date.UTC(w.year, w.month - 1, w.day, w.hour, w.minute, w.second);
}

/** Offset of `timeZone` from UTC at `instant`, in ms (Berlin in summer: +7 200 000). */
export function offsetAt(instant: number, timeZone: string): number {
  return asUtc(wallTimeAt(new Date(instant), timeZone)) - Math.floor(instant / 1000) * 1000;
}

/**
 * The instant a wall-clock time happens in `timeZone`. In the hour skipped in spring the
 * time is moved forward by the gap (02:30 → 03:30), as RFC 5545 says; in the hour repeated
 * in autumn the first occurrence is taken.
 */
export function wallTimeToInstant(w: WallTime, timeZone: string): Date {
  const guess = asUtc(w);
  // The zone's offsets around that day: one of them (or two, in the repeated hour) fits.
  const offsets = new Set([-86_400_000, 0, 86_400_000].map((d) => offsetAt(guess + d, timeZone)));
  const fits = [...offsets].map((o) => guess - o).filter((t) => asUtc(wallTimeAt(new Date(t), timeZone)) === guess);
  if (fits.length > 0) return new Date(Math.min(...fits));
  // Skipped time: keep the offset from before the gap, which lands after it.
  return new Date(guess - offsetAt(guess - 86_400_000, timeZone));
}

/** Midnight (start of the local day) in `timeZone` of the day containing `instant`. */
export function startOfLocalDay(instant: Date, timeZone: string): Date {
  const w = wallTimeAt(instant, timeZone);
  return wallTimeToInstant({ ...w, hour: 0, minute: 0, second: 0 }, timeZone);
}

/** Midnight at the end of the local day containing `instant`: the next day's start (23 or 25 h on a clock change). */
export function endOfLocalDay(instant: Date, timeZone: string): Date {
  return startOfLocalDay(new Date(startOfLocalDay(instant, timeZone).getTime() + 26 * 3_600_000), timeZone);
}

/** `YYYY-MM-DD` of the local day containing `instant`. */
export function localDay(instant: Date, timeZone: string): string {
  const w = wallTimeAt(instant, timeZone);
  return `${w.year}-${String(w.month).padStart(2, '0')}-${String(w.day).padStart(2, '0')}`;
}

/** The instant of `HH:MM` local time on the local day containing `instant`. */
export function localTimeOnDay(instant: Date, hhmm: string, timeZone: string): Date {
  const [hour, minute] = hhmm.split(':').map(Number) as [number, number];
  const w = wallTimeAt(instant, timeZone);
  return wallTimeToInstant({ ...w, hour, minute, second: 0 }, timeZone);
}
