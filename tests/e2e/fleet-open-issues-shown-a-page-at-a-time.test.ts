/**
 * The open-issues column shows a page of the newest (50), says how many are open in all, and
 * brings the next ones at a press: a large fleet's bad morning listed every open issue at once
 * (154 at 2,000 rooms). A call that comes in afterwards still counts, live. On a desk's screens
 * (1366×768, 1920×1080) and a tablet (1024×768), in English and in Chinese (Debian's Chromium,
 * the built dashboard, a real Mosquitto).
 */
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { expect, it } from 'vitest';
import { OPEN_ISSUES_PAGE } from '../../fleet/open-issues-page.js';
import { fleetLabForThisFile } from '../helpers/fleet-lab.js';
import { SCREENSHOT_ROOT } from '../helpers/panel-browser.js';
import { until } from '../helpers/until.js';

const SHOTS = join(SCREENSHOT_ROOT, 'fleet-open-issues-paged');
const SIZES = [
  { width: 1366, height: 768 },
  { width: 1920, height: 1080 },
  { width: 1024, height: 768 },
];
const CALLS = OPEN_ISSUES_PAGE + 10;
/** Rooms the calls come from: a room opens 20 issues a minute at most. */
const ROOMS = 4;
const lab = fleetLabForThisFile();

it('shows the newest page of the open issues with their total, and the rest at a press', async () => {
  mkdirSync(SHOTS, { recursive: true });
  // A client of the lab's broker speaking for the rooms.
  const room = await lab.mqttRoom();
  const call = (i: number) =>
    room.publishAsync(
      `roomctl/hq/room-${i % ROOMS}/events`,
      JSON.stringify({
        id: `ev-${i}`,
        at: new Date(Date.UTC(2026, 2, 1, 8, i)).toISOString(),
        type: 'help.requested',
        requestId: `h-${i}`,
        message: `Call ${i}`,
      }),
      { qos: 1 },
    );
  for (let i = 0; i < CALLS; i++) await call(i);
  await until(async () => (await lab.fleet.store.issues()).length === CALLS, 15_000, 'every help call at the fleet');

  for (const viewport of SIZES) {
    const page = await lab.dashboard({ viewport });
    const column = page.locator('fleet-issue-list[data-open]');
    const heading = column.locator('h2');
    await until(async () => (await heading.textContent()) === `Open issues (${CALLS})`, 10_000, 'the total in the heading');
    expect(await column.locator('li[data-issue]').count()).toBe(OPEN_ISSUES_PAGE);
    expect(await column.locator('[data-paged]').textContent()).toBe(`The newest ${OPEN_ISSUES_PAGE} of ${CALLS}`);
    const more = column.locator('button[name="more-issues"]');
    expect(await more.textContent()).toBe('Show 10 more');
    await more.scrollIntoViewIfNeeded();
    const size = `${viewport.width}x${viewport.height}`;
    await page.screenshot({ path: join(SHOTS, `page-${size}-en.png`) });
    await page.locator('select[name="language"]').selectOption('zh-CN');
    await until(async () => (await heading.textContent()) === `未结问题（${CALLS}）`, 5000, 'the heading in Chinese');
    expect(await column.locator('[data-paged]').textContent()).toBe(`最新的 ${OPEN_ISSUES_PAGE} 个，共 ${CALLS} 个`);
    expect(await more.textContent()).toBe('再显示 10 个');
    // Each line in Chinese punctuation: the room in full-width brackets, the full-width colon.
    expect(await column.locator('li[data-issue] div').first().textContent()).toBe(`求助（room-3）：Call ${CALLS - 1}`);
    await more.scrollIntoViewIfNeeded();
    await page.screenshot({ path: join(SHOTS, `page-${size}-zh-CN.png`) });
    await page.locator('select[name="language"]').selectOption('en');
    await page.close();
  }

  const page = await lab.dashboard({ viewport: SIZES[0] });
  const column = page.locator('fleet-issue-list[data-open]');
  await column.locator('button[name="more-issues"]').click();
  await until(async () => (await column.locator('li[data-issue]').count()) === CALLS, 10_000, 'the next page shown');
  // The oldest call last, each once; nothing more to ask for.
  const ids = await column.locator('li[data-issue]').evaluateAll((items) => items.map((li) => li.getAttribute('data-issue')));
  expect(new Set(ids).size).toBe(CALLS);
  expect(await column.locator('li[data-issue]').last().textContent()).toContain('Call 0');
  expect(await column.locator('[data-more]').count()).toBe(0);
  // A call that comes in now is counted and shown, with no reload.
  await call(CALLS);
  await until(async () => (await column.locator('h2').textContent()) === `Open issues (${CALLS + 1})`, 10_000, 'the new call counted');
  expect(await column.locator('li[data-issue]').first().textContent()).toContain(`Call ${CALLS}`);
  expect(lab.errors).toEqual([]);
}, 120_000);
