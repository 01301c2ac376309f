/**
 * An issue given to a colleague, in the dashboard (Debian's Chromium, the built dashboard, a
 * real Mosquitto): a room reports its camera offline; operator A picks operator B under
 * "Assign to…"; B's dashboard marks it as his and his "Only mine" list holds it; B adds a
 * note and resolves it; the story says A assigned it to B, in English and in Chinese, and the
 * alert the fault fired is worded in each operator's language from its rule and parameters.
 */
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import type { MqttClient } from 'mqtt';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { startFleetLab, type FleetLab } from '../helpers/fleet-lab.js';
import { SCREENSHOT_ROOT } from '../helpers/panel-browser.js';
import { until } from '../helpers/until.js';

const SHOTS = join(SCREENSHOT_ROOT, 'fleet-issue-assigned');
let lab: FleetLab;
let fleet: FleetLab['fleet'];
let room: MqttClient;
let ana: Page;
let bo: Page;
let issueId: string;

beforeAll(async () => {
  mkdirSync(SHOTS, { recursive: true });
  lab = await startFleetLab({ rules: { deviceOfflineAfterS: 0 } });
  fleet = lab.fleet;
  room = await lab.mqttRoom({ 'cam-front': { en: 'Front camera', 'zh-CN': '前置摄像机' } });
  // Bo joins after Ana's dashboard opened: her "Assign to…" asks for the names again when she reaches for it.
  ana = await lab.dashboard({ operator: 'Ana Lima' });
  await until(
    async () => (await ana.evaluate(() => document.querySelector('fleet-dashboard')?.operators.join())) === 'Ana Lima',
    5000,
    'Ana alone on her list',
  );
  bo = await lab.dashboard({ operator: 'Bo Chen' });
}, 90_000);

afterAll(async () => lab?.close());

it('operator A gives the camera fault to operator B with "Assign to…"', async () => {
  const at = Date.now();
  await room.publishAsync(
    'roomctl/hq/aurora/devices/cam-front/health',
    JSON.stringify({ status: 'offline', since: new Date(at).toISOString(), detail: 'No answer on 10.0.0.21', metrics: {}, at }),
    { qos: 1, retain: true },
  );
  const issue = ana.locator('fleet-issue-list[data-open] li[data-kind="device"]');
  await issue.waitFor({ timeout: 15_000 });
  expect(await issue.textContent()).toContain('Front camera');
  issueId = (await issue.getAttribute('data-issue'))!;
  // Everyone is on the list, herself too ("(me)"), Bo too though he came after her; the issue is nobody's yet.
  await issue.locator('select[name="assign"]').focus();
  await until(async () => (await issue.locator('select[name="assign"] option').count()) === 3, 5000, 'Bo on the list');
  expect(await issue.locator('select[name="assign"] option').allTextContents()).toEqual(['Assign to…', 'Ana Lima (me)', 'Bo Chen']);
  expect(await issue.getAttribute('data-mine')).toBe('no');
  await issue.locator('select[name="assign"]').selectOption('Bo Chen');
  await until(async () => (await issue.textContent())?.includes('assigned to Bo Chen'), 8000, 'assigned to Bo on A’s dashboard');
  expect(await issue.getAttribute('data-mine')).toBe('no');
  expect(await fleet.store.issue(issueId)).toMatchObject({ assignedTo: 'Bo Chen', state: 'open' });
  const alert = ana.locator('fleet-alert-list li[data-rule="device-offline"][data-state="firing"]');
  await alert.waitFor({ timeout: 8000 });
  expect(await alert.locator('strong').textContent()).toBe('▲ Front camera offline in Aurora');
});

it('B sees it as his, alone under "Only mine"', async () => {
  const issue = bo.locator(`fleet-issue-list[data-open] li[data-issue="${issueId}"]`);
  await until(async () => (await issue.getAttribute('data-mine').catch(() => null)) === 'yes', 8000, 'the issue marked as B’s');
  expect(await issue.locator('[data-mine-marker]').textContent()).toBe('yours');
  // Another fault, nobody's, stays out of B's own list.
  const at = Date.now();
  await room.publishAsync(
    'roomctl/hq/aurora/devices/display/health',
    JSON.stringify({ status: 'offline', since: new Date(at).toISOString(), detail: null, metrics: {}, at }),
    {
      qos: 1,
      retain: true,
    },
  );
  const open = bo.locator('fleet-issue-list[data-open] li[data-kind="device"]');
  await until(async () => (await open.count()) === 2, 15_000, 'both faults on B’s dashboard');
  await bo.locator('fleet-issue-list[data-open] button[name="only-mine"]').click();
  await until(async () => (await open.count()) === 1, 5000, 'only B’s issue listed');
  expect(await open.first().getAttribute('data-issue')).toBe(issueId);
  await bo.screenshot({ path: join(SHOTS, 'only-mine-1440x1000-en.png') });
});

it('B adds a note and resolves it; the story says who assigned whom, in both languages', async () => {
  const issue = bo.locator(`fleet-issue-list[data-open] li[data-issue="${issueId}"]`);
  await issue.locator('button[name="details"]').click();
  await issue.locator('input[name="note"]').fill('Replaced the PoE injector');
  await issue.locator('input[name="note"]').press('Enter');
  await issue.locator('ol.log li[data-action="note"]').waitFor({ timeout: 8000 });
  expect(await issue.locator('ol.log li[data-action="assigned"]').textContent()).toContain('Ana Lima: assigned to Bo Chen');
  await bo.locator('select[name="language"]').selectOption('zh-CN');
  await until(async () => (await issue.locator('[data-mine-marker]').textContent()) === '归我', 5000, 'the marker in Chinese');
  expect(await issue.locator('ol.log li[data-action="assigned"]').textContent()).toContain('Ana Lima: 指派给 Bo Chen');
  expect(await bo.locator('fleet-alert-list li[data-alert="device-offline/hq/aurora/cam-front"] strong').textContent()).toBe('▲ Aurora 的 前置摄像机 离线');
  await bo.screenshot({ path: join(SHOTS, 'story-1440x1000-zh-CN.png') });
  await bo.locator('select[name="language"]').selectOption('en');
  await issue.locator('button[name="resolve"]').click();
  await until(async () => (await bo.locator(`fleet-issue-list[data-open] li[data-issue="${issueId}"]`).count()) === 0, 8000, 'the issue resolved');
  expect(await fleet.store.issue(issueId)).toMatchObject({ state: 'resolved', assignedTo: 'Bo Chen', resolvedBy: 'Bo Chen' });
  expect((await fleet.desk.log(issueId)).map((e) => [e.action, e.actor, e.text])).toEqual([
    ['opened', null, 'No answer on 10.0.0.21'],
    ['assigned', 'Ana Lima', 'Bo Chen'],
    ['note', 'Bo Chen', 'Replaced the PoE injector'],
    // The room's last report still had the camera down: the story keeps that with the resolution.
    ['resolved', 'Bo Chen', 'offline'],
  ]);
  expect(lab.errors).toEqual([]);
});
