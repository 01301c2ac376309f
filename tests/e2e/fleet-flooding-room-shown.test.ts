/**
 * A room (or whoever holds its broker login) sends events faster than its bound. The fleet
 * stores its backlog and counts the rest; the room's tile on the dashboard says how many were
 * not stored, in the operator's language (Debian's Chromium, the built dashboard, a real Mosquitto).
 */
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { ROOM_EVENT_BACKLOG_MINUTES } from '../../fleet/event-budget.js';

/** One event a minute: a day's backlog of 1,440, which the test sends in seconds. */
const PER_MINUTE = 1;
import { startFleetLab, type FleetLab } from '../helpers/fleet-lab.js';
import { SCREENSHOT_ROOT } from '../helpers/panel-browser.js';
import { until } from '../helpers/until.js';

const SHOTS = join(SCREENSHOT_ROOT, 'fleet-flooding-room');
let lab: FleetLab;

beforeAll(async () => {
  // The fleet's clock stands still: the bound refills none while the flood is on its way.
  const now = Date.now();
  lab = await startFleetLab({ now: () => now, roomEventsPerMinute: PER_MINUTE });
}, 90_000);

afterAll(async () => lab?.close());

it("says on the room's tile how many of its events were not stored", async () => {
  const room = await lab.mqttRoom();
  const events = PER_MINUTE * ROOM_EVENT_BACKLOG_MINUTES + 7;
  const at = new Date().toISOString();
  await Promise.all(
    Array.from({ length: events }, (_, i) =>
      room.publishAsync('roomctl/hq/aurora/events', JSON.stringify({ id: `flood-${i}`, at, type: 'feedback', meetingId: 'm', rating: 1 }), { qos: 1 }),
    ),
  );
  await until(() => lab.fleet.ingest.stats.heldBack === 7, 20_000, 'the events past the bound counted');
  const page = await lab.dashboard();
  const note = page.locator('fleet-room-tile [data-events-held-back]');
  await note.waitFor({ timeout: 10_000 });
  expect(await note.textContent()).toBe('7 events not stored: sent too fast');
  mkdirSync(SHOTS, { recursive: true });
  await page.screenshot({ path: join(SHOTS, 'tile-1440x1000-en.png') });
  await page.locator('select[name="language"]').selectOption('zh-CN');
  await until(async () => (await note.textContent()) === '7 条事件未保存：发送过快', 5000, 'the note in Chinese');
  await page.screenshot({ path: join(SHOTS, 'tile-1440x1000-zh-CN.png') });
  expect(lab.errors).toEqual([]);
}, 60_000);
