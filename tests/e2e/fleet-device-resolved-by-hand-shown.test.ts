/**
 * A broken device followed to its resolution by hand, as facilities see it (Debian's Chromium,
 * the built dashboard, a real Mosquitto, a room whose PJLink projector dies): the issue and the
 * offline alert appear; the operator resolves the issue while the projector is still dead; the
 * alert is resolved with it, saying who, the firing one shown closed; the dashboard says the
 * room last reported the projector down; the room's history ends the fault by hand and the
 * issue's story says the device was still down; once the projector is back, that line goes and
 * the resolved alert says the room reported it back (live, and after a reload).
 * Both languages are pictured.
 */
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { startPjlinkSimulator, type RunningPjlinkSimulator } from '../../drivers/pjlink/pjlink-simulator.js';
import { startFleetLab, type FleetLab } from '../helpers/fleet-lab.js';
import { SCREENSHOT_ROOT } from '../helpers/panel-browser.js';
import type { TelemetryRoom } from '../helpers/telemetry-room.js';
import { until } from '../helpers/until.js';

const SHOTS = join(SCREENSHOT_ROOT, 'fleet-device-resolved-by-hand');
let lab: FleetLab;
let room: TelemetryRoom;
let ana: Page;
let projectorBack: RunningPjlinkSimulator | undefined;

beforeAll(async () => {
  // The alert fires as the projector dies: the walk does not wait a minute on the rules.
  lab = await startFleetLab({ rules: { deviceOfflineAfterS: 0 } });
  room = await lab.telemetryRoom({ displayName: { en: 'Projector', 'zh-CN': '投影机' } });
  await until(
    async () => (await lab.fleet.store.room('hq', 'aurora'))?.devices.some((d) => d.status === 'ok' && d.names?.en === 'Projector'),
    10_000,
    'the room and its projector in the fleet',
  );
  ana = await lab.dashboard({ operator: 'Ana Lima' });
  mkdirSync(SHOTS, { recursive: true });
}, 90_000);

afterAll(async () => {
  await projectorBack?.close();
  await lab?.close();
});

const alertOf = (state: 'firing' | 'resolved') => ana.locator(`fleet-alert-list li[data-rule="device-offline"][data-state="${state}"]`);

it('shows the issue and the alert when the projector dies, then both resolved by hand, saying who and that it is still down', async () => {
  await room.display.close();
  const issue = ana.locator('fleet-issue-list[data-open] li[data-kind="device"]');
  await issue.waitFor({ timeout: 15_000 });
  await alertOf('firing').waitFor({ timeout: 10_000 });
  expect(await alertOf('firing').textContent()).toContain('Projector offline in Aurora');
  await ana.screenshot({ path: join(SHOTS, 'broken-1440x1000-en.png') });

  const id = (await issue.getAttribute('data-issue'))!;
  await issue.locator('button[name="resolve"]').click();
  await ana.locator('[data-still-down]').waitFor({ timeout: 8000 });
  expect(await ana.locator('[data-still-down]').textContent()).toBe(
    "By the room's last report, Projector in Aurora is still offline: a new issue opens when the room next reports it down.",
  );
  await until(async () => (await ana.locator(`fleet-issue-list[data-open] li[data-issue="${id}"]`).count()) === 0, 8000, 'the issue to leave the open list');
  await alertOf('resolved').waitFor({ timeout: 10_000 });
  expect(await alertOf('resolved').textContent()).toMatch(
    /Projector offline in Aurora: issue resolved by hand.*Ana Lima resolved the issue by hand after .+ offline; the room has not reported the device back\./,
  );
  // The alert that fired no longer asks for anything.
  expect(await alertOf('firing').getAttribute('data-closed')).not.toBeNull();
  // The room's tile still shows the projector down: the fleet has heard nothing else from the room.
  expect(await ana.locator('fleet-room-tile button', { hasText: 'Aurora' }).getAttribute('data-status')).toBe('degraded');

  // The room's history: the fault ended when Ana resolved it.
  await ana.locator('fleet-room-tile button', { hasText: 'Aurora' }).click();
  const fault = ana.locator('fleet-room-history li[data-fault="display"][data-ongoing="no"]');
  await fault.waitFor({ timeout: 10_000 });
  expect(await fault.locator('[data-ended-by]').textContent()).toBe('(ended when Ana Lima resolved its issue)');
  // The issue, found again by a search: its story says the room last reported the projector down.
  await ana.locator('fleet-issue-search input[name="q"]').fill('Ana Lima');
  await ana.locator('fleet-issue-search button[name="search"]').click();
  const found = ana.locator(`fleet-issue-search li[data-issue="${id}"][data-state="resolved"]`);
  await found.waitFor({ timeout: 8000 });
  await found.locator('button[name="details"]').click();
  const story = found.locator('ol.log li[data-action="resolved"] [data-story-still-down]');
  await story.waitFor({ timeout: 8000 });
  expect(await story.textContent()).toBe('resolved; the room last reported the device offline');
  await ana.screenshot({ path: join(SHOTS, 'resolved-by-hand-1440x1000-en.png'), fullPage: true });

  await ana.locator('select[name="language"]').selectOption('zh-CN');
  await until(async () => (await alertOf('resolved').textContent())?.includes('问题已手动解决'), 5000, 'the alert in Chinese');
  expect(await alertOf('resolved').textContent()).toContain('Ana Lima 在设备离线');
  expect(await ana.locator('[data-still-down]').textContent()).toBe('按会议室最后一次报告，Aurora 的 投影机 仍离线：会议室下次报告其故障时将新开一个问题。');
  expect(await story.textContent()).toBe('已解决；会议室最后报告该设备离线');
  await ana.screenshot({ path: join(SHOTS, 'resolved-by-hand-1440x1000-zh-CN.png'), fullPage: true });

  // The projector comes back: the room reports it, and the line saying it is still down goes.
  projectorBack = await startPjlinkSimulator({ host: '127.0.0.1', port: room.display.endpoint.port, warmupMs: 50 });
  await until(
    async () => (await ana.locator('fleet-room-tile button', { hasText: 'Aurora' }).getAttribute('data-status')) === 'ok',
    20_000,
    'the projector back',
  );
  expect(await ana.locator('[data-still-down]').count()).toBe(0);
  // The resolved alert no longer says the room has not reported the projector back, as it happens and read again.
  const saysBack = async () => (await alertOf('resolved').textContent())?.includes('会议室此后已报告设备恢复');
  await until(saysBack, 8000, 'the resolved alert saying the projector is back');
  await ana.reload();
  await alertOf('resolved').waitFor({ timeout: 10_000 });
  await until(saysBack, 8000, 'the resolved alert, read again, saying the projector is back');
  expect(await alertOf('resolved').textContent()).not.toContain('尚未报告');
  await ana.screenshot({ path: join(SHOTS, 'projector-back-1440x1000-zh-CN.png'), fullPage: true });
  expect(lab.errors).toEqual([]);
});
