/**
 * The alerts box on a desk's screens (1366×768, 1920×1080) and a tablet (1024×768), in English
 * and in Chinese, with more alerts than it holds (Debian's Chromium, the built dashboard, a real
 * Mosquitto): it shows whole alerts — it cut its last one mid-line — and says how many more are
 * below; scrolled to its end, it says none.
 */
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { expect, it } from 'vitest';
import { fleetLabForThisFile } from '../helpers/fleet-lab.js';
import { SCREENSHOT_ROOT } from '../helpers/panel-browser.js';
import { until } from '../helpers/until.js';

const SHOTS = join(SCREENSHOT_ROOT, 'fleet-alerts-box');
const SIZES = [
  { width: 1366, height: 768 },
  { width: 1920, height: 1080 },
  { width: 1024, height: 768 },
];
const CALLS = 9;
const lab = fleetLabForThisFile();

/** Each alert's place in the box as it is now: shown whole, hidden below, or cut by the box's edge; and what the line under the box says. */
function boxNow(page: Page) {
  return page.locator('fleet-alert-list').evaluate((host) => {
    const list = host.shadowRoot!.querySelector('ul')!;
    const box = list.getBoundingClientRect();
    const places = [...list.querySelectorAll('li')].map((li) => {
      const r = li.getBoundingClientRect();
      if (r.top >= box.top - 0.5 && r.bottom <= box.bottom + 0.5) return 'whole';
      return r.top >= box.bottom - 0.5 ? 'below' : r.bottom <= box.top + 0.5 ? 'above' : 'cut';
    });
    return { places, more: host.shadowRoot!.querySelector('[data-more-below]')?.textContent?.trim() ?? null };
  });
}

it('shows whole alerts and says how many are below, at each size in both languages', async () => {
  const room = await lab.mqttRoom();
  const messages = ['No sound', 'The display shows nothing at all and the remote control does not help either', 'Display'];
  for (let i = 0; i < CALLS; i++) {
    const call = { id: `help-${i}`, at: new Date().toISOString(), type: 'help.requested', requestId: `help-${i}`, message: messages[i % 3] };
    await room.publishAsync('roomctl/hq/aurora/events', JSON.stringify(call), { qos: 1 });
  }
  await until(async () => (await lab.fleet.store.issues()).length === CALLS, 10_000, 'the help calls in the fleet');
  mkdirSync(SHOTS, { recursive: true });
  for (const viewport of SIZES)
    for (const language of ['en', 'zh-CN'] as const) {
      const page = await lab.dashboard({ viewport });
      if (language === 'zh-CN') await page.locator('select[name="language"]').selectOption('zh-CN');
      const heading = language === 'en' ? 'Alerts' : '告警';
      await until(
        async () =>
          (await page
            .locator('fleet-alert-list h2')
            .innerText()
            .catch(() => '')) === heading,
        10_000,
        'the alerts heading',
      );
      await until(async () => (await page.locator('fleet-alert-list li').count()) === CALLS, 10_000, 'every alert listed');
      const where = `${viewport.width}×${viewport.height} ${language}`;
      const first = await boxNow(page);
      expect(
        first.places.filter((p) => p === 'cut'),
        where,
      ).toEqual([]);
      expect(first.places[0], where).toBe('whole');
      const below = first.places.filter((p) => p === 'below').length;
      expect(below, `${where}: some alerts below the box`).toBeGreaterThan(0);
      expect(first.more, where).toBe(language === 'en' ? `↓ ${below} more alerts below` : `↓ 下面还有 ${below} 条告警`);
      await page.screenshot({ path: join(SHOTS, `${viewport.width}x${viewport.height}-${language}.png`) });
      // Scrolled to its end, the last alert is whole and nothing is said to be below.
      await page.locator('fleet-alert-list').evaluate((host) => {
        const list = host.shadowRoot!.querySelector('ul')!;
        list.scrollTop = list.scrollHeight;
      });
      await until(async () => (await boxNow(page)).more === null, 5000, `${where}: the line gone at the end`);
      expect((await boxNow(page)).places.at(-1), where).toBe('whole');
      await page.context().close();
    }
  expect(lab.errors).toEqual([]);
}, 120_000);
