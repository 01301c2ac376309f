/**
 * A room's recent events and its faults of the month are numbered lists that scroll. Past nine items, each number
 * must still show whole: a scrolled list clips whatever its numbers overhang, and "12." read
 * "2." (Debian's Chromium, the built dashboard, a real Mosquitto).
 */
import { afterAll, beforeAll, expect, it } from 'vitest';
import { startFleetLab, type FleetLab } from '../helpers/fleet-lab.js';
import { until } from '../helpers/until.js';

let lab: FleetLab;

/** The widest number of the list `li` is in ("12."), in the list's own font, against the room the list leaves left of its items. */
function markerFit(li: Element) {
  const ol = li.parentElement!;
  const style = getComputedStyle(li);
  const context = document.createElement('canvas').getContext('2d')!;
  context.font = `${style.fontWeight} ${style.fontSize} ${style.fontFamily}`;
  return {
    marker: context.measureText(`${ol.children.length}. `).width,
    room: Number.parseFloat(getComputedStyle(ol).paddingLeft),
    overflow: getComputedStyle(ol).overflowY,
  };
}

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
  const fit = await events.first().evaluate(markerFit);
  expect(fit.overflow).toBe('auto');
  expect(fit.marker).toBeLessThanOrEqual(fit.room);
  expect(lab.errors).toEqual([]);
}, 60_000);

it("shows each number of the room's faults whole, past nine of them", async () => {
  // A month of a flaky projector: twelve short faults, an hour apart.
  const now = Date.now();
  for (let i = 1; i <= 12; i++) {
    await lab.fleet.sql.run(
      "INSERT INTO fleet_device_faults (id, issue_id, site, room, device_id, status, detail, started_at, ended_at) VALUES (?, 'i-flaky', 'hq', 'aurora', 'display', 'offline', NULL, ?, ?)",
      [`flaky-${i}`, now - i * 3_600_000, now - i * 3_600_000 + 60_000],
    );
  }
  const page = await lab.dashboard({ viewport: { width: 1366, height: 768 } });
  await page.locator('fleet-room-tile button', { hasText: 'Aurora' }).click();
  const faults = page.locator('fleet-room-history li[data-fault="display"]');
  await until(async () => (await faults.count()) === 12, 10_000, "the room's 12 faults on the dashboard");
  const fit = await faults.first().evaluate(markerFit);
  expect(fit.overflow).toBe('auto');
  expect(fit.marker).toBeLessThanOrEqual(fit.room);
  expect(lab.errors).toEqual([]);
}, 60_000);
