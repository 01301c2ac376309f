/**
 * Each link of rooms to a meeting and each hand-over of its timer is a record this room and
 * every linked room keep until retention, and a link sends each room it names an invitation.
 * A caller with the room's credential making them in a loop meets the meeting's bound: a coded
 * 409, no record added, and what it made before still holds. One room on a Mosquitto, over the
 * real API; the rooms it names need not be running.
 */
import { afterAll, beforeAll, expect, it } from 'vitest';
import type { MeetingView } from '../../appliance/api/api-types.js';
import { MEETING_LIMITS } from '../../appliance/meetings/meeting-limits.js';
import { startMosquitto, type RunningMosquitto } from '../helpers/mosquitto.js';
import { callRoom as call, startTelemetryRoom, type TelemetryRoom } from '../helpers/telemetry-room.js';

let broker: RunningMosquitto;
let aurora: TelemetryRoom | undefined;
beforeAll(async () => {
  broker = await startMosquitto();
  aurora = await startTelemetryRoom({ mqtt: { url: broker.url, protocolVersion: 5 } });
}, 60_000);
afterAll(async () => {
  await aurora?.close();
  await broker?.close();
});

const refusedAt = (limit: number, what: string) => ({ status: 409, body: { code: 'ROOMCTL_E_MEETING_LIMIT', details: { limit, what } } });

it(`links rooms ${MEETING_LIMITS.links} times and hands the timer over ${MEETING_LIMITS.handOvers} times per meeting, then refuses with a code and keeps what it made`, async () => {
  const room = aurora!;
  // The records links and hand-overs add. The room's own joins, health and clocks come with the
  // meeting's life, and it takes the timer back by itself from a room that does not answer.
  const ownRecords = () =>
    room.appliance.db
      .prepare(
        "SELECT COUNT(*) FROM linked_records WHERE room = 'hq/aurora' AND (kind = 'links.set' OR (kind = 'host.set' AND json_extract(record, '$.reason') = 'handover'))",
      )
      .pluck()
      .get() as number;
  const id = (await call(room, 'POST', '/api/v1/bookings', { minutes: 60, title: 'Quarterly review' })).body.id as string;
  const link = (i: number) => call(room, 'POST', `/api/v1/meetings/${id}/links`, { rooms: ['ny/hudson', `sz/room-${i % 2}`] });
  for (let i = 0; i < MEETING_LIMITS.links; i++) expect((await link(i)).status, `link ${i}`).toBe(200);
  const records = ownRecords();
  expect(await link(MEETING_LIMITS.links)).toMatchObject(refusedAt(MEETING_LIMITS.links, 'links'));
  expect(ownRecords(), 'the refused link added no record').toBe(records);

  // To Hudson and back: the last one granted leaves the timer here.
  const handOver = (i: number) => call(room, 'POST', `/api/v1/meetings/${id}/host`, { room: i % 2 ? 'hq/aurora' : 'ny/hudson' });
  for (let i = 0; i < MEETING_LIMITS.handOvers; i++) expect((await handOver(i)).status, `hand-over ${i}`).toBe(200);
  expect(ownRecords()).toBe(records + MEETING_LIMITS.handOvers);
  expect(await handOver(MEETING_LIMITS.handOvers)).toMatchObject(refusedAt(MEETING_LIMITS.handOvers, 'handOvers'));
  expect(ownRecords(), 'the refused hand-over added no record').toBe(records + MEETING_LIMITS.handOvers);

  // What was granted holds: every room linked, the timer where the last hand-over left it.
  const meeting = (await call(room, 'GET', `/api/v1/meetings/${id}`)).body as unknown as MeetingView;
  expect(meeting.rooms.map((r) => ({ room: `${r.site}/${r.room}`, host: r.host }))).toEqual([
    { room: 'hq/aurora', host: true },
    { room: 'ny/hudson', host: false },
    { room: 'sz/room-0', host: false },
    { room: 'sz/room-1', host: false },
  ]);
  // Another meeting has bounds of its own.
  const other = (await call(room, 'POST', '/api/v1/bookings', { minutes: 30, title: 'Stand-up', start: new Date(Date.now() + 2 * 3_600_000).toISOString() }))
    .body.id as string;
  expect((await call(room, 'POST', `/api/v1/meetings/${other}/links`, { rooms: ['ny/hudson'] })).status).toBe(200);
});
