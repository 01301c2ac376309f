/**
 * The broker stops and starts again under a watching dashboard (Debian's Chromium, the built
 * dashboard, a real Mosquitto): the dashboard's own link to the fleet holds, so it used to go on
 * saying "live" while no room could reach it; it says the rooms are as last heard until the
 * fleet is back on the broker, in both languages.
 */
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { expect, it } from 'vitest';
import { fleetLabForThisFile } from '../helpers/fleet-lab.js';
import { SCREENSHOT_ROOT } from '../helpers/panel-browser.js';

const SHOTS = join(SCREENSHOT_ROOT, 'fleet-broker-away-said');
const lab = fleetLabForThisFile();

it('says the fleet cannot reach the broker while it is stopped, and live again once it is back', async () => {
  await lab.mqttRoom();
  const page = await lab.dashboard({ operator: 'Ana Lima' });
  await page.locator('[data-live="yes"]').waitFor({ timeout: 10_000 });

  await lab.broker.stop();
  const away = page.locator('[data-live="broker-away"]');
  await away.waitFor({ timeout: 15_000 });
  expect(await away.textContent()).toBe('○ the fleet cannot reach the broker: rooms as last heard');
  mkdirSync(SHOTS, { recursive: true });
  await page.screenshot({ path: join(SHOTS, 'broker-away-1440x1000-en.png') });
  await page.locator('select[name="language"]').selectOption('zh-CN');
  await page.locator('[data-live="broker-away"]', { hasText: '总览无法连接消息代理' }).waitFor({ timeout: 5000 });
  await page.screenshot({ path: join(SHOTS, 'broker-away-1440x1000-zh-CN.png') });

  await lab.broker.start();
  await page.locator('[data-live="yes"]').waitFor({ timeout: 30_000 });
  expect(lab.errors).toEqual([]);
});
