/**
 * The pre-meeting self-test after a meeting has ended: the room's end scene left its
 * cameras in standby (a VISCA camera then refuses to move: "not executable"). The self-test
 * wakes what the start scene would wake before it tests, so healthy equipment passes; and
 * when something really is wrong, the admin view and the self-test API say for every failed
 * check why it failed and what to do next.
 */
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { SelfTestReport } from '../../appliance/meetings/self-test.js';
import { runScene } from '../../appliance/meetings/scenes.js';
import { captureStep, setLanguage } from '../helpers/panel-browser.js';
import { enterAdmin, openPanelRoom, type PanelRoom } from '../helpers/panel-room.js';
import { waitFor, type TestRoom } from '../helpers/test-room.js';

const FLOW = 'selftest-after-meeting';
const PIN = '135790';
let room: TestRoom;
let opened: PanelRoom | undefined;
let page: Page;
let errors: string[];

const statusOf = async (id: string) => ((await (await fetch(`${room.baseUrl}/api/v1/devices/${id}`)).json()) as { status: string }).status;
const allDevicesOk = async () => ((await (await fetch(`${room.baseUrl}/api/v1/devices`)).json()) as { status: string }[]).every((d) => d.status === 'ok');
// The self-test report is the room's own business: it needs the room's credential.
const withToken = () => ({ headers: { authorization: `Bearer ${room.token}` } });
const latest = async () => (await (await fetch(`${room.baseUrl}/api/v1/selftests/latest`, withToken())).json()) as SelfTestReport;

async function runSelfTestFromAdmin(): Promise<void> {
  const before = (await fetch(`${room.baseUrl}/api/v1/selftests/latest`, withToken())).ok ? (await latest()).id : null;
  await page.getByTestId('run-selftest').click();
  await waitFor(
    async () => (await fetch(`${room.baseUrl}/api/v1/selftests/latest`, withToken())).ok && (await latest()).id !== before,
    30_000,
    'a new self-test report',
  );
  await waitFor(async () => !(await page.getByTestId('run-selftest').isDisabled()), 10_000, 'the admin view to show the report');
}

describe('panel: the self-test after a meeting wakes the cameras, and explains every failure', () => {
  beforeAll(async () => {
    opened = await openPanelRoom({
      configure: (c) => void (c.panel = { ...c.panel, adminPin: PIN }),
      beforeOpen: async (r) => {
        room = r;
        await waitFor(allDevicesOk, 30_000, 'every device of the room ok');
      },
    });
    ({ page, errors } = opened);
    await enterAdmin(page, PIN, 'selftest');
  }, 90_000);

  afterAll(async () => {
    await opened?.close();
  });

  it('passes on healthy cameras the end scene put in standby, and leaves them awake', async () => {
    const core = room.demo.appliance.core;
    const ended = await runScene(core.devices, core.meetings!.ctx.endScene());
    expect(ended.filter((s) => s.action === 'power' && s.params.on === false).map((s) => s.device)).toEqual(expect.arrayContaining(['cam-front', 'cam-side']));
    expect(room.camera.camera.power).toBe('standby');

    await runSelfTestFromAdmin();
    const report = await latest();
    expect(report.results.filter((r) => !r.ok)).toEqual([]);
    expect(report.passed).toBe(true);
    expect(report.results.find((r) => r.deviceId === 'cam-front' && r.check === 'camera-home')).toMatchObject({ ok: true });
    expect(room.camera.camera.power).toBe('on');
    expect(await page.getByTestId('selftest-outcome').textContent()).toContain('passed');
    await captureStep(page, FLOW, '1-passed');
  });

  it('says for a failed check why it failed and what to do next, in the admin view and the API', async () => {
    await room.demo.cameraLink.unplug();
    await waitFor(async () => (await statusOf('cam-front')) !== 'ok', 15_000, 'the front camera offline');
    await runSelfTestFromAdmin();

    const failed = (await latest()).results.filter((r) => !r.ok);
    expect(failed.map((r) => `${r.deviceId}:${r.check}`)).toEqual(['cam-front:reachable']);
    expect(failed[0]).toMatchObject({
      advice: 'check-link',
      nextStep: expect.stringContaining('cable or network is plugged in'),
      faultCode: 'ROOMCTL_E_SELFTEST_UNREACHABLE',
    });
    expect(failed[0]!.detail).toMatch(/^offline: ./);

    const failure = page.locator('[data-testid="selftest-failure"][data-device="cam-front"]');
    await failure.waitFor();
    expect(await page.getByTestId('selftest-outcome').textContent()).toContain('failed: Front camera');
    expect(await failure.textContent()).toContain('Front camera · Connection');
    // The status in the panel's words, then what the device said (the room's English "offline:" is for the API).
    expect(failed[0]).toMatchObject({ status: 'offline', said: expect.stringMatching(/./) });
    expect(await failure.getByTestId('selftest-reason').textContent()).toBe(`Offline: ${failed[0]!.said}`);
    expect(await failure.getByTestId('selftest-next').textContent()).toContain('Next step: Check that the device has power');
    // A Chinese panel names the device as the config names it in Chinese, in the admin view too.
    await setLanguage(page, 'zh-CN');
    expect(await page.getByTestId('selftest-outcome').textContent()).toContain('前置摄像头');
    expect(await failure.locator('strong').textContent()).toMatch(/^前置摄像头 · /);
    expect(await failure.getByTestId('selftest-reason').textContent()).toBe(`离线：${failed[0]!.said}`);
    await setLanguage(page, 'en');
    await captureStep(page, FLOW, '2-failure-explained');
    await room.demo.cameraLink.replug();
    expect(errors).toEqual([]);
  });
});
