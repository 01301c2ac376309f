/**
 * A failed self-test tells facilities, in the room's language, that a device was offline (its
 * own words after it) and how long the room waited for one that did not answer: the room's
 * English "offline:" and "no answer in 5000 ms" never reach a Chinese message.
 */
import { expect, it } from 'vitest';
import { FacilitiesTexts } from './facilities-texts.js';
import type { SelfTestReport } from './self-test.js';
import { NEXT_STEPS, SELF_TEST_FAULT_CODES } from './self-test-advice.js';

const SAID = 'ROOMCTL_E_PORT_NOT_FOUND: Serial port /dev/ttyUSB0 does not exist';
const report: SelfTestReport = {
  id: 'r1',
  meetingId: null,
  at: '2026-04-01T02:00:00.000Z',
  passed: false,
  results: [
    {
      deviceId: 'cam',
      check: 'reachable',
      ok: false,
      ran: true,
      detail: `offline: ${SAID}`,
      code: 'ROOMCTL_E_PORT_NOT_FOUND',
      faultCode: SELF_TEST_FAULT_CODES.reachable,
      advice: 'check-link',
      nextStep: NEXT_STEPS['check-link'],
      status: 'offline',
      said: SAID,
    },
    {
      deviceId: 'display',
      check: 'display-power',
      ok: false,
      ran: true,
      detail: 'ROOMCTL_E_DEVICE_TIMEOUT: display-power: no answer in 5000 ms',
      code: 'ROOMCTL_E_DEVICE_TIMEOUT',
      faultCode: SELF_TEST_FAULT_CODES['display-power'],
      advice: 'no-answer',
      nextStep: NEXT_STEPS['no-answer'],
      waitedMs: 5000,
    },
  ],
};
const names = (id: string) => (id === 'cam' ? { en: 'Front camera', 'zh-CN': '前置摄像头' } : id === 'display' ? { en: 'Display', 'zh-CN': '显示屏' } : null);

it("words an unreachable device's status and the room's wait in the room's language", () => {
  const zh = new FacilitiesTexts({ name: '极光', timezone: 'Asia/Shanghai', locale: 'zh-CN' }, names).selfTestFailed(null, report);
  expect(zh.text).toContain(`- 前置摄像头 · 连接：离线：${SAID}`);
  expect(zh.text).toContain('- 显示屏 · 显示屏开机：5 秒内没有应答');
  expect(zh.text).not.toMatch(/offline:|no answer in/);
  const en = new FacilitiesTexts({ name: 'Aurora', timezone: 'UTC' }, names).selfTestFailed(null, report);
  expect(en.text).toContain(`- Front camera · Connection: Offline: ${SAID}`);
  expect(en.text).toContain('- Display · Display on: No answer within 5 s');
});
