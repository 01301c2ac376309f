/**
 * A room's recent events and its faults of the month, in the room's detail on a desk's screen
 * and a tablet, in English and in Chinese (Debian's Chromium, the built dashboard, a real
 * Mosquitto): each list shows whole items — both cut their last one mid-line, as the alerts box
 * did — and says how many more are below.
 */
import type { Page } from 'playwright-core';
import { expect, it } from 'vitest';
import { fleetLabForThisFile } from '../helpers/fleet-lab.js';
import { until } from '../helpers/until.js';

const SIZES = [
  { width: 1366, height: 768 },
  { width: 1024, height: 768 },
];
const lab = fleetLabForThisFile();

/** Each item's place in the list as it is now (whole, below, above, or cut by the list's edge), and the line under the list. */
function listNow(page: Page, host: string, list: string) {
  return page.locator(host).evaluate((el, selector) => {
    const ol = el.shadowRoot!.querySelector(selector)!;
    const box = ol.getBoundingClientRect();
    const places = [...ol.children].map((li) => {
      const r = li.getBoundingClientRect();
      if (r.top >= box.top - 0.5 && r.bottom <= box.bottom + 0.5) return 'whole';
      return r.top >= box.bottom - 0.5 ? 'below' : r.bottom <= box.top + 0.5 ? 'above' : 'cut';
    });
    return { places, more: ol.parentNode!.querySelector(`${selector} + [data-more-below]`)?.textContent?.trim() ?? null };
  }, list);
}

it('shows whole events and whole faults, and how many more are below, at each size in both languages', async () => {
  const room = await lab.mqttRoom({ display: { en: 'Projector', 'zh-CN': '投影机' } });
  const at = new Date().toISOString();
  await room.publishAsync('roomctl/hq/aurora/status', 'online', { qos: 1, retain: true });
  await room.publishAsync('roomctl/hq/aurora/devices/display/health', JSON.stringify({ status: 'ok', since: at, detail: null, metrics: {}, at }), {
    qos: 1,
    retain: true,
  });
  for (let i = 0; i < 24; i++) {
    const event =
      i % 2
        ? { id: `e-${i}`, at, type: 'feedback', meetingId: `m-${i}`, rating: 4 }
        : {
            id: `e-${i}`,
            at,
            type: 'fault.raised',
            faultId: `f-${i}`,
            deviceId: 'display',
            detail: 'connect ECONNREFUSED 127.0.0.1:4352 — the display does not answer on its network port',
            code: 'ROOMCTL_E_CONNECT_FAILED',
          };
    await room.publishAsync('roomctl/hq/aurora/events', JSON.stringify(event), { qos: 1 });
  }
  await until(async () => (await lab.fleet.sql.query('SELECT id FROM fleet_events')).length === 24, 10_000, 'the events stored');
  const hour = 3_600_000;
  for (let i = 1; i <= 20; i++)
    await lab.fleet.sql.run(
      'INSERT INTO fleet_device_faults (id, issue_id, site, room, device_id, status, detail, started_at, ended_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)',
      [
        `old-${i}`,
        'old-issue',
        'hq',
        'aurora',
        'display',
        'offline',
        i % 3 ? null : 'connect ECONNREFUSED 127.0.0.1:4352',
        Date.now() - i * hour,
        Date.now() - i * hour + 60_000,
      ],
    );
  for (const viewport of SIZES)
    for (const language of ['en', 'zh-CN'] as const) {
      const page = await lab.dashboard({ viewport });
      if (language === 'zh-CN') await page.locator('select[name="language"]').selectOption('zh-CN');
      await page.locator('fleet-room-tile button', { hasText: 'Aurora' }).click();
      await page.locator('fleet-room-history li[data-fault]').first().waitFor({ timeout: 10_000 });
      await until(async () => (await page.locator('fleet-room-detail li[data-event]').count()) === 24, 10_000, 'the events listed');
      const where = `${viewport.width}×${viewport.height} ${language}`;
      for (const [host, list, noun, zh] of [
        ['fleet-room-detail', 'ol[data-events]', 'events', '事件'],
        ['fleet-room-history', 'ol[data-faults]', 'faults', '故障'],
      ] as const) {
        const now = await listNow(page, host, list);
        expect(
          now.places.filter((p) => p === 'cut'),
          `${where} ${noun}`,
        ).toEqual([]);
        const below = now.places.filter((p) => p === 'below').length;
        expect(below, `${where} ${noun} below`).toBeGreaterThan(0);
        expect(now.more, `${where} ${noun}`).toBe(language === 'en' ? `↓ ${below} more ${noun} below` : `↓ 下面还有 ${below} 条${zh}`);
      }
      await page.context().close();
    }
  expect(lab.errors).toEqual([]);
}, 120_000);
