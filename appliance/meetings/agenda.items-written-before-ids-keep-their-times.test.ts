import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, expect, it } from 'vitest';
import { ROOM_MIGRATIONS } from '../room-migrations.js';
import { openDatabase } from '../store/database.js';
import { AgendaRepository } from './agenda-repository.js';
import { MeetingRepository } from './meeting-repository.js';

const dirs: string[] = [];
afterEach(async () => {
  for (const d of dirs.splice(0)) await rm(d, { recursive: true, force: true });
});

/**
 * A room upgraded in the middle of a meeting: the agenda it wrote before items had ids gets
 * them from their places, and from then on an item put at the top leaves the times with the
 * items that ran.
 */
it('an agenda written before items had ids gets them on upgrade, and its times stay with their items when one is put at the top', async () => {
  const dir = await mkdtemp(join(tmpdir(), 'roomctl-agenda-ids-'));
  dirs.push(dir);
  const before = ROOM_MIGRATIONS.filter((m) => !(m.module === 'meetings' && m.version >= 6));
  const old = openDatabase(dir, before);
  const meeting = new MeetingRepository(old).insert(
    {
      source: 'adhoc',
      seriesKey: null,
      occurrenceKey: 'upgrade@example.com',
      title: 'Upgrade',
      organiser: {},
      attendees: [],
      description: '',
      agenda: [],
      start: '2026-04-01T08:00:00.000Z',
      end: '2026-04-01T09:00:00.000Z',
      confidentiality: 'normal',
    },
    new Date('2026-04-01T08:00:00.000Z'),
  );
  const insert = old.prepare('INSERT INTO agenda_items (meeting_id, position, title, minutes, started_at, ended_at) VALUES (?, ?, ?, ?, ?, ?)');
  insert.run(meeting.id, 1, 'Welcome', 5, '2026-04-01T08:00:00.000Z', '2026-04-01T08:05:00.000Z');
  insert.run(meeting.id, 2, 'Budget', 20, '2026-04-01T08:05:00.000Z', null);
  old.close();

  const db = openDatabase(dir, ROOM_MIGRATIONS);
  const agenda = new AgendaRepository(db);
  expect(agenda.list(meeting.id).map((i) => [i.id, i.title])).toEqual([
    ['p1', 'Welcome'],
    ['p2', 'Budget'],
  ]);
  agenda.replace(meeting.id, [
    { title: 'Apologies', minutes: 2 },
    { title: 'Welcome', minutes: 5 },
    { title: 'Budget', minutes: 20 },
  ]);
  expect(agenda.list(meeting.id).map((i) => [i.title, i.startedAt, i.endedAt])).toEqual([
    ['Apologies', null, null],
    ['Welcome', '2026-04-01T08:00:00.000Z', '2026-04-01T08:05:00.000Z'],
    ['Budget', '2026-04-01T08:05:00.000Z', null],
  ]);
  db.close();
});
