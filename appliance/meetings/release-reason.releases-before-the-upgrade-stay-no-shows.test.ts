import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, expect, it } from 'vitest';
import { ROOM_MIGRATIONS } from '../room-migrations.js';
import { openDatabase } from '../store/database.js';
import { roomFigures } from './figures.js';
import { MeetingRepository } from './meeting-repository.js';
import type { BookingDraft } from './meeting-types.js';

const dirs: string[] = [];
afterEach(async () => {
  for (const d of dirs.splice(0)) await rm(d, { recursive: true, force: true });
});

const booking = (key: string, hour: string): BookingDraft => ({
  source: 'adhoc',
  seriesKey: null,
  occurrenceKey: key,
  title: key,
  organiser: {},
  attendees: [],
  description: '',
  agenda: [],
  start: `2026-04-01T${hour}:00:00.000Z`,
  end: `2026-04-01T${hour}:30:00.000Z`,
  confidentiality: 'normal',
});

/** Before a release said how, every release was counted a no-show: the figures of those days do not change on upgrade. */
it('a booking released before the upgrade reads as released for want of a check-in; one still booked has no reason', async () => {
  const dir = await mkdtemp(join(tmpdir(), 'roomctl-release-reason-'));
  dirs.push(dir);
  const old = openDatabase(
    dir,
    ROOM_MIGRATIONS.filter((m) => !(m.module === 'meetings' && m.version >= 7)),
  );
  const before = new MeetingRepository(old);
  const released = before.insert(booking('released', '08'), new Date('2026-04-01T07:00:00.000Z'));
  const booked = before.insert(booking('booked', '10'), new Date('2026-04-01T07:00:00.000Z'));
  old.prepare("UPDATE meetings SET status = 'released', released_at = '2026-04-01T08:10:00.000Z' WHERE id = ?").run(released.id);
  old.close();

  const db = openDatabase(dir, ROOM_MIGRATIONS);
  const meetings = new MeetingRepository(db);
  expect(meetings.get(released.id)).toMatchObject({ status: 'released', releasedBy: 'no-check-in' });
  expect(meetings.get(booked.id)).toMatchObject({ status: 'booked', releasedBy: null });
  const day = {
    from: '2026-04-01T00:00:00.000Z',
    to: '2026-04-02T00:00:00.000Z',
    businessMinutes: 600,
    lateAfterMinutes: 5,
    now: new Date('2026-04-02T00:00:00.000Z'),
  };
  expect(roomFigures(db, day)).toMatchObject({ autoReleases: 1, freedByHand: 0 });
  db.close();
});

/** Releases by hand before the room told the check-in window from ahead of time keep their reason, and say nothing of the credential. */
it('a booking freed by hand before the upgrade stays freed by hand, through no known credential; a cancellation ahead of time can be stored after it', async () => {
  const dir = await mkdtemp(join(tmpdir(), 'roomctl-release-reason-'));
  dirs.push(dir);
  const old = openDatabase(
    dir,
    ROOM_MIGRATIONS.filter((m) => !(m.module === 'meetings' && m.version >= 8)),
  );
  const before = new MeetingRepository(old);
  const freed = before.insert(booking('freed', '08'), new Date('2026-04-01T07:00:00.000Z'));
  const later = before.insert(booking('later', '10'), new Date('2026-04-01T07:00:00.000Z'));
  old.prepare("UPDATE meetings SET status = 'released', released_at = '2026-04-01T08:02:00.000Z', released_by = 'by-hand' WHERE id = ?").run(freed.id);
  old.close();

  const db = openDatabase(dir, ROOM_MIGRATIONS);
  const meetings = new MeetingRepository(db);
  expect(meetings.get(freed.id)).toMatchObject({ status: 'released', releasedBy: 'by-hand', releasedVia: null });
  meetings.setReleased(later.id, '2026-04-01T08:05:00.000Z', 'ahead-of-time', 'token');
  expect(meetings.get(later.id)).toMatchObject({ status: 'released', releasedBy: 'ahead-of-time', releasedVia: 'token' });
  db.close();
});
