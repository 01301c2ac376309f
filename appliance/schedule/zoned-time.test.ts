import { describe, expect, it } from 'vitest';
import { localDay, startOfLocalDay, wallTimeAt, wallTimeToInstant } from './zoned-time.js';

const w = (year: number, month: number, day: number, hour: number, minute = 0) => ({ year, month, day, hour, minute, second: 0 });

describe('zoned time', () => {
  it('keeps 10:00 Berlin at 10:00 across the spring change', () => {
    expect(wallTimeToInstant(w(2026, 3, 26, 10), 'Europe/Berlin').toISOString()).toBe('2026-03-26T09:00:00.000Z');
    expect(wallTimeToInstant(w(2026, 4, 2, 10), 'Europe/Berlin').toISOString()).toBe('2026-04-02T08:00:00.000Z');
  });

  it('moves a skipped wall time forward by the gap', () => {
    expect(wallTimeToInstant(w(2026, 3, 29, 2, 30), 'Europe/Berlin').toISOString()).toBe('2026-03-29T01:30:00.000Z');
  });

  it('takes the first of a repeated wall time', () => {
    expect(wallTimeToInstant(w(2026, 10, 25, 2, 30), 'Europe/Berlin').toISOString()).toBe('2026-10-25T00:30:00.000Z');
  });

  it('reads wall time and local days in a zone without DST', () => {
    const at = new Date('2026-05-01T17:30:00Z');
    expect(wallTimeAt(at, 'Asia/Shanghai')).toMatchObject({ day: 2, hour: 1, minute: 30 });
    expect(localDay(at, 'Asia/Shanghai')).toBe('2026-05-02');
    expect(startOfLocalDay(at, 'Asia/Shanghai').toISOString()).toBe('2026-05-01T16:00:00.000Z');
  });
});

describe('zone offsets from a table of changes', () => {
  it('gives the same instants as the tz database, around each change of the year', async () => {
    const { wallUtcToInstant } = await import('./zone-offsets.js');
    for (const zone of ['Europe/Berlin', 'America/New_York', 'Australia/Lord_Howe', 'Asia/Shanghai', 'America/Santiago']) {
      for (let day = 0; day < 366; day += 1) {
        for (const hour of [0, 1, 2, 3, 12]) {
          const w = new Date(Date.UTC(2026, 0, 1 + day, hour, 30));
          const wall = { year: w.getUTCFullYear(), month: w.getUTCMonth() + 1, day: w.getUTCDate(), hour, minute: 30, second: 0 };
          expect(new Date(wallUtcToInstant(w.getTime(), zone)).toISOString(), `${zone} ${w.toISOString()}`).toBe(wallTimeToInstant(wall, zone).toISOString());
        }
      }
    }
  });
});
