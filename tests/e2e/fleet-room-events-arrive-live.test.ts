/**
 * The room on screen shows its events as they come. An event changes no room summary, so the
 * room's list stayed as it was when it opened until a device or an issue changed: a rating
 * given a minute ago was not there without a reload (Debian's Chromium, the built dashboard,
 * a real Mosquitto).
 */
import { expect, it } from 'vitest';
import { fleetLabForThisFile } from '../helpers/fleet-lab.js';
import { until } from '../helpers/until.js';

const lab = fleetLabForThisFile();

it("adds a new event to the open room's list without a reload, newest first", async () => {
  const room = await lab.mqttRoom();
  const feedback = (id: string, rating: number) =>
    room.publishAsync('roomctl/hq/aurora/events', JSON.stringify({ id, at: new Date().toISOString(), type: 'feedback', meetingId: 'm', rating }), { qos: 1 });
  await feedback('fb-before', 2);
  await until(async () => (await lab.fleet.store.events({ site: 'hq', room: 'aurora' })).length === 1, 10_000, 'the first rating at the fleet');
  const page = await lab.dashboard({ viewport: { width: 1366, height: 768 } });
  await page.locator('fleet-room-tile button', { hasText: 'Aurora' }).click();
  const events = page.locator('fleet-room-detail li[data-event="feedback"]');
  await until(async () => (await events.count()) === 1, 10_000, 'the first rating on the dashboard');
  await feedback('fb-live', 5);
  await until(async () => (await events.count()) === 2, 10_000, 'the new rating in the open room');
  expect(await events.first().textContent()).toContain('Rated 5 of 5');
  expect(await events.nth(1).textContent()).toContain('Rated 2 of 5');
  // Another room's event stays out of this room's list.
  await room.publishAsync(
    'roomctl/hq/borealis/events',
    JSON.stringify({ id: 'fb-other', at: new Date().toISOString(), type: 'feedback', meetingId: 'm', rating: 1 }),
    { qos: 1 },
  );
  await feedback('fb-last', 4);
  await until(async () => (await events.count()) === 3, 10_000, "the room's third rating");
  expect(await events.allTextContents()).not.toEqual(expect.arrayContaining([expect.stringContaining('Rated 1 of 5')]));
  expect(lab.errors).toEqual([]);
}, 60_000);
