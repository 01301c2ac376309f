import { afterAll, expect, it } from 'vitest';
import { AURORA, HUDSON, SHENZHEN, startLinkedRoomsLab, type LabRoom, type LinkedRoomsLab } from '../helpers/linked-rooms-lab.js';
import { until } from '../helpers/until.js';

let lab: LinkedRoomsLab | undefined;
afterAll(async () => lab?.close());

const position = async (room: LabRoom, id: string) =>
  ((await room.call('GET', `/api/v1/meetings/${id}/agenda`)).body as { currentPosition: number | null }).currentPosition;

/**
 * The host room's appliance dies (kill -9: no goodbye, the broker publishes its last will).
 * The next room in `site/room` order keeps the timer from then on, and the one left follows
 * it; the dead room, back, follows the new host instead of taking the timer back.
 */
it('when the host room dies, the next room keeps the agenda and the others follow it', async () => {
  lab = await startLinkedRoomsLab({
    rooms: [AURORA, HUDSON, SHENZHEN],
    invite: {
      uid: 'board@example.com',
      title: 'Board',
      startInMs: 20_000,
      minutes: 60,
      attendees: [{ name: 'Ann', email: 'ann@example.com' }],
      agenda: ['Opening (5 min)', 'Accounts (10 min)', 'Votes (10 min)'],
    },
  });
  const [aurora, hudson, lotus] = lab.rooms as [LabRoom, LabRoom, LabRoom];
  const id = await lab.meetingSeenByEveryRoom();

  expect((await aurora.call('POST', `/api/v1/meetings/${id(aurora)}/start`)).status).toBeLessThan(300);
  for (const room of [hudson, lotus])
    await until(async () => (await room.hostName()) === 'Aurora' && (await position(room, id(room))) === 1, 10_000, `${room.key} to follow Aurora`);

  await aurora.kill();
  // hq/aurora is gone: ny/hudson comes next.
  for (const room of [hudson, lotus]) await until(async () => (await room.hostName()) === 'Hudson', 15_000, `${room.key} to see Hudson keep the time`);
  expect((await lotus.meeting())?.rooms.find((r) => r.name === 'Aurora')?.online).toBe(false);
  expect((await hudson.call('POST', `/api/v1/meetings/${id(hudson)}/agenda/next`)).status).toBeLessThan(300);
  await until(async () => (await position(lotus, id(lotus))) === 2, 10_000, 'Shenzhen to follow Hudson to item 2');

  // Aurora comes back: it catches up and follows; the timer stays with Hudson.
  await aurora.start();
  await until(async () => (await position(aurora, id(aurora))) === 2 && (await aurora.hostName()) === 'Hudson', 20_000, 'Aurora to catch up and follow Hudson');
  for (const room of lab.rooms) expect(await room.hostName()).toBe('Hudson');
}, 180_000);
