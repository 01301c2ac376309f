/**
 * A failed self-test tells facilities what a silent microphone measured in the room's
 * language (Chinese here), not in the room's English: only its unit stays.
 */
import { expect, it } from 'vitest';
import { FacilitiesTexts } from './facilities-texts.js';
import type { SelfTestReport } from './self-test.js';
import { NEXT_STEPS, SELF_TEST_FAULT_CODES } from './self-test-advice.js';

const report: SelfTestReport = {
  id: 'r1',
  meetingId: null,
  at: '2026-04-01T02:00:00.000Z',
  passed: false,
  results: [
    { deviceId: 'display', check: 'answers', ok: true, ran: true, detail: null },
    {
      deviceId: 'mic',
      check: 'mic-level',
      ok: false,
      ran: true,
      detail: 'no level above -57 dB within 2000 ms (peak -60 dB)',
      code: null,
      faultCode: SELF_TEST_FAULT_CODES['mic-level'],
      advice: 'mic-silent',
      nextStep: NEXT_STEPS['mic-silent'],
      heard: { aboveDb: -57, withinMs: 2000, peakDb: -60 },
    },
  ],
};

it("words a silent microphone's measurement in the room's language", () => {
  const names = (id: string) => (id === 'mic' ? { en: 'Ceiling microphone', 'zh-CN': '吸顶麦克风' } : null);
  const zh = new FacilitiesTexts({ name: '极光', timezone: 'Asia/Shanghai', locale: 'zh-CN' }, names).selfTestFailed(null, report);
  expect(zh.text).toContain('- 吸顶麦克风 · 麦克风拾音：2 秒内没有高于 -57 dB 的电平；最高 -60 dB');
  expect(zh.text).not.toContain('no level above');
  const en = new FacilitiesTexts({ name: 'Aurora', timezone: 'UTC' }, names).selfTestFailed(null, report);
  expect(en.text).toContain('- Ceiling microphone · Microphone hears the room: No level above -57 dB in 2 s; the loudest -60 dB');
});
