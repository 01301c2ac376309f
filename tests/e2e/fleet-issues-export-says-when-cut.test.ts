/**
 * An operator exports the issues a search found (Debian's Chromium, the built dashboard, a real
 * Mosquitto). The file holds everything found up to the most one export carries, newest first,
 * and opens in a spreadsheet as it reads (a byte-order mark first); when the search found more,
 * the dashboard says the file holds only the newest ones. A narrower search exports all it found.
 */
import { mkdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { ISSUES_CSV_MAX_ROWS } from '../../fleet/export-bounds.js';
import { startFleetLab, type FleetLab } from '../helpers/fleet-lab.js';
import { SCREENSHOT_ROOT } from '../helpers/panel-browser.js';

let lab: FleetLab;
let page: Page;
const NEWEST = Date.now() - 3_600_000;

beforeAll(async () => {
  lab = await startFleetLab();
  await lab.mqttRoom();
  for (let from = 0; from <= ISSUES_CSV_MAX_ROWS; from += 1000) {
    const chunk = Array.from({ length: Math.min(1000, ISSUES_CSV_MAX_ROWS + 1 - from) }, (_, k) => from + k);
    await lab.fleet.sql.run(
      `INSERT INTO fleet_issues (id, kind, site, room, summary, opened_at, state) VALUES ${chunk.map(() => "(?, 'help', 'hq', 'aurora', ?, ?, 'open')").join(', ')}`,
      chunk.flatMap((i) => [`i${i}`, i === 0 ? '投影仪没有画面' : 'No picture', new Date(NEWEST - i * 1000).toISOString()]),
    );
  }
  page = await lab.dashboard();
}, 90_000);

afterAll(async () => lab?.close());

const exportFound = async (words: string) => {
  await page.locator('fleet-issue-search input[name="q"]').fill(words);
  await page.locator('fleet-issue-search button[name="search"]').click();
  await page.locator('fleet-issue-search li[data-issue]').first().waitFor({ timeout: 10_000 });
  const [download] = await Promise.all([page.waitForEvent('download'), page.locator('fleet-issue-search button[name="export"]').click()]);
  const bytes = readFileSync((await download.path())!);
  expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
  return bytes.subarray(3).toString('utf8').trimEnd().split('\r\n').slice(1);
};

it(`exports the newest ${ISSUES_CSV_MAX_ROWS} issues a search found, and says there are more`, async () => {
  const rows = await exportFound('');
  expect(rows).toHaveLength(ISSUES_CSV_MAX_ROWS);
  expect(rows[0]).toMatch(/^i0,help,hq,aurora,,投影仪没有画面,/);
  const cut = page.locator('fleet-issue-search [data-export-cut]');
  await cut.waitFor({ timeout: 5000 });
  expect(await cut.textContent()).toBe(
    `The export holds the newest ${ISSUES_CSV_MAX_ROWS.toLocaleString('en-US')} issues found; there are more: narrow the search.`,
  );
  await cut.scrollIntoViewIfNeeded();
  mkdirSync(join(SCREENSHOT_ROOT, 'fleet-issues-export'), { recursive: true });
  await page.screenshot({ path: join(SCREENSHOT_ROOT, 'fleet-issues-export', 'cut-1440x1000-en.png') });
}, 60_000);

it('exports everything a narrower search found, without the note', async () => {
  const rows = await exportFound('投影仪');
  expect(rows.map((r) => r.split(',')[0])).toEqual(['i0']);
  await page.locator('fleet-issue-search [data-export-cut]').waitFor({ state: 'detached', timeout: 5000 });
  expect(lab.errors).toEqual([]);
}, 30_000);
