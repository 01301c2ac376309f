import { afterEach, expect, it } from 'vitest';
import { advanceAgenda } from './agenda-service.js';
import { book, start } from './meeting-lifecycle.js';
import { roomFixture, type RoomFixture } from './testing/room-fixture.js';

let fx: RoomFixture;
afterEach(() => fx.close());

it('warns at 80 % and 100 % of an agenda item, records its overrun, and moves on', async () => {
  fx = roomFixture({ start: '2026-04-01T08:00:00.000Z' });
  const m = book(fx.room.ctx, {
    minutes: 60,
    title: 'Planning',
    agenda: [
      { title: 'Status', owner: 'Bob', minutes: 10 },
      { title: 'Risks', minutes: 20 },
    ],
  });
  start(fx.room.ctx, m.id);
  const warnings = () => fx.messages.flatMap((msg) => (msg.notice?.kind === 'agenda-warning' ? [`${msg.notice.position}@${msg.notice.percent}`] : []));

  await fx.advance(7 * 60_000 + 55_000);
  expect(warnings()).toEqual([]);
  expect(fx.room.streamMessage().now.agenda).toMatchObject({ currentPosition: 1, remainingSeconds: 125 });
  await fx.advance(5_000); // 8:00 of 10:00 = 80 %
  expect(warnings()).toEqual(['1@80']);
  await fx.advance(2 * 60_000); // 10:00 = 100 %
  expect(warnings()).toEqual(['1@80', '1@100']);
  await fx.advance(90_000);
  advanceAgenda(fx.room.ctx, m.id); // 11:30 on a 10-minute item
  const agenda = fx.room.streamMessage().now.agenda!;
  expect(agenda.items[0]).toMatchObject({ overrunMinutes: 1.5, endedAt: '2026-04-01T08:11:30.000Z' });
  expect(agenda).toMatchObject({ currentPosition: 2, remainingSeconds: 20 * 60 });
  await fx.advance(16 * 60_000);
  expect(warnings()).toEqual(['1@80', '1@100', '2@80']);
});
