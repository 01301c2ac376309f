/**
 * A room's recent events are a numbered list that scrolls. Past nine of them, each number
 * must still show whole: a scrolled list clips whatever its numbers overhang, and "12." read
 * "2." (Debian's Chromium, the built dashboard, a real Mosquitto).
 */
import { afterAll, beforeAll, expect, it } from 'vitest';
import { startFleetLab, type FleetLab } from '../helpers/fleet-lab.js';
import { until } from '../helpers/until.js';

let lab: FleetLab;

beforeAll(async () => {
  lab = await startFleetLab();
}, 90_000);

afterAll(async () => lab?.close());

it("shows each number of the room's events whole, past nine of them", async () => {
  const room = await lab.mqttRoom();
  const at = new Date().toISOString();
  for (let i = 0; i < 12; i++) {
    await room.publishAsync('roomctl/hq/aurora/events', JSON.stringify({ id: `fb-${i}`, at, type: 'feedback', meetingId: 'm', rating: 4 }), { qos: 1 });
  }
  const page = await lab.dashboard({ viewport: { width: 1366, height: 768 } });
  await page.locator('fleet-room-tile button', { hasText: 'Aurora' }).click();
  const events = page.locator('fleet-room-detail li[data-event="feedback"]');
  await until(async () => (await events.count()) === 12, 10_000, "the room's 12 events on the dashboard");
  // The widest number ("12.") in the list's own font, against the room the list leaves left of its items.
  const fit = await events.first().evaluate((li) => {
    const ol = li.parentElement!;
    const style = getComputedStyle(li);
    const context = document.createElement('canvas').getContext('2d')!;
    context.font = `${style.fontWeight} ${style.fontSize} ${style.fontFamily}`;
    return {
      marker: context.measureText(`${ol.children.length}. `).width,
      room: Number.parseFloat(getComputedStyle(ol).paddingLeft),
      overflow: getComputedStyle(ol).overflowY,
    };
  });
  expect(fit.overflow).toBe('auto');
  expect(fit.marker).toBeLessThanOrEqual(fit.room);
  expect(lab.errors).toEqual([]);
}, 60_000);
