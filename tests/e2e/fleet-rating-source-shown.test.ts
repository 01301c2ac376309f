/**
 * A rating and a problem report say where they came from: the room's panel, or a person's phone
 * (the personal link of their minutes email). The room's history says so beside each, and a
 * problem report's issue too, in the operator's language; a room of an earlier release says
 * nothing (Debian's Chromium, the built dashboard, a real Mosquitto).
 * Screenshots: test-artifacts/screenshots/fleet-rating-source/.
 */
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { expect, it } from 'vitest';
import { fleetLabForThisFile } from '../helpers/fleet-lab.js';
import { SCREENSHOT_ROOT } from '../helpers/panel-browser.js';

const lab = fleetLabForThisFile();
const DIR = join(SCREENSHOT_ROOT, 'fleet-rating-source');

it("says beside a rating and a problem report whether it came from the room's panel or a person's phone, in each language", async () => {
  mkdirSync(DIR, { recursive: true });
  const room = await lab.mqttRoom();
  const at = new Date().toISOString();
  const send = (event: Record<string, unknown>) => room.publishAsync('roomctl/hq/aurora/events', JSON.stringify({ at, ...event }), { qos: 1 });
  await send({ id: 'fb-panel', type: 'feedback', meetingId: 'm', rating: 3, via: 'panel' });
  await send({ id: 'fb-older', type: 'feedback', meetingId: 'm', rating: 4 });
  await send({ id: 'fb-phone', type: 'feedback', meetingId: 'm', rating: 1, via: 'phone' });
  const problem = { type: 'problem.reported', categories: ['audio'], rating: 1, comment: 'Echo at the back', meetingId: 'm', deviceHealth: {} };
  await send({ id: 'pr-phone', reportId: 'r-phone', ...problem, via: 'phone' });
  await expect.poll(async () => (await lab.fleet.store.events({ site: 'hq', room: 'aurora' })).length, { timeout: 10_000 }).toBe(4);

  const page = await lab.dashboard({ viewport: { width: 1366, height: 900 } });
  const issue = page.locator('fleet-issue-list li[data-issue="r-phone"]');
  await issue.locator('[data-report-via="phone"]').filter({ hasText: "from a person's phone (their minutes email)" }).waitFor({ timeout: 10_000 });
  await page.locator('fleet-room-tile button', { hasText: 'Aurora' }).click();
  const ratings = page.locator('fleet-room-detail li[data-event="feedback"]');
  await expect.poll(() => ratings.count(), { timeout: 10_000 }).toBe(3);
  const lines = async () => (await ratings.allTextContents()).map((t) => t.replace(/\s+/g, ' ').trim());
  const [phone, older, panel] = await lines();
  expect(phone).toMatch(/Rated 1 of 5.*from a person's phone \(their minutes email\)/);
  expect(older).toContain('Rated 4 of 5');
  expect(older).not.toMatch(/from (a person's phone|the room's panel)/);
  expect(panel).toMatch(/Rated 3 of 5.*from the room's panel/);
  await page.screenshot({ path: join(DIR, 'dashboard-1366x900-en.png'), fullPage: true });

  await page.locator('select[name="language"]').selectOption('zh-CN');
  await issue.locator('[data-report-via="phone"]').filter({ hasText: '来自与会者的手机（其会议纪要邮件）' }).waitFor({ timeout: 5000 });
  await expect.poll(async () => (await lines())[2], { timeout: 5000 }).toMatch(/评分 3\/5.*通过会议室面板/);
  await page.screenshot({ path: join(DIR, 'dashboard-1366x900-zh-CN.png'), fullPage: true });
  expect(lab.errors).toEqual([]);
}, 60_000);
