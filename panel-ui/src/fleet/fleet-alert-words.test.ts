/**
 * Every alert the rules can fire and every event a room can send has its words on the
 * dashboard, in English and in Chinese with the same placeholders: a new rule or event type
 * without them fails here, not in front of an operator.
 */
import { expect, it } from 'vitest';
import { RoomEventSchema } from '../../../contract/events.js';
import { ALERT_RULES } from '../../../fleet/alert-sink.js';
import type { FleetAlertView } from '../../../fleet/fleet-api-types.js';
import { ALERT_WORDS, alertWords, HAND_RESOLVED_BACK_WORDS, HAND_RESOLVED_WORDS } from './fleet-alert-words.js';
import { EVENT_SENTENCES, PROBLEM_CATEGORY_WORDS } from './fleet-event-words.js';
import { PROBLEM_CATEGORIES } from '../../../appliance/meetings/feedback-repository.js';
import { FLEET_ZH_CN } from './fleet-zh-cn.js';
import { setFleetLocale } from './fleet-words.js';

/** Rules whose condition ends (and so send a resolved alert); the others fire once. A help call ends when it is dealt with, a failed self-test check when it passes. */
const CONDITIONS = new Set(['device-offline', 'room-offline', 'help-request', 'self-test']);
const placeholders = (s: string) =>
  [...s.matchAll(/\{(\w+)\}/g)]
    .map((m) => m[1])
    .sort()
    .join(',');
const untranslated = (en: string) => (FLEET_ZH_CN[en] === undefined || placeholders(FLEET_ZH_CN[en]!) !== placeholders(en) ? [en] : []);

it('words every alert rule, firing and (for conditions) resolved, in both languages', () => {
  const missing: string[] = [];
  for (const rule of ALERT_RULES) {
    const words = ALERT_WORDS[rule];
    const states = CONDITIONS.has(rule) ? (['firing', 'resolved'] as const) : (['firing'] as const);
    for (const state of states) {
      const w = words?.[state];
      if (!w) missing.push(`${rule} ${state}: no words`);
      else missing.push(...untranslated(w.title), ...untranslated(w.text));
    }
  }
  // A device's alert resolved with its issue by hand has words of its own.
  for (const words of [HAND_RESOLVED_WORDS, HAND_RESOLVED_BACK_WORDS]) missing.push(...untranslated(words.title), ...untranslated(words.text));
  expect(missing).toEqual([]);
  // No words for a rule the fleet does not run (a renamed rule would leave them behind).
  expect(Object.keys(ALERT_WORDS).sort()).toEqual([...ALERT_RULES].sort());
});

it('words every event type of the contract in both languages, and every problem category', () => {
  const types = RoomEventSchema.anyOf.map((s) => s.properties.type.const as string);
  expect(types.length).toBeGreaterThan(10);
  expect(types.filter((t) => Object.keys(EVENT_SENTENCES[t] ?? {}).length === 0)).toEqual([]);
  expect(Object.values(EVENT_SENTENCES).flatMap((sentences) => Object.values(sentences).flatMap(untranslated))).toEqual([]);
  expect(Object.keys(EVENT_SENTENCES).sort()).toEqual([...types].sort());
  // A call's every state has its sentence (the chooser picks one by the state's name).
  const call = RoomEventSchema.anyOf.find((s) => s.properties.type.const === 'call.changed')!;
  const states = (call.properties as unknown as { state: { anyOf: { const: string }[] } }).state.anyOf.map((s) => s.const);
  expect(Object.keys(EVENT_SENTENCES['call.changed']!).sort()).toEqual([...states].sort());
  expect(Object.keys(PROBLEM_CATEGORY_WORDS).sort()).toEqual([...PROBLEM_CATEGORIES].sort());
  expect(Object.values(PROBLEM_CATEGORY_WORDS).flatMap(untranslated)).toEqual([]);
});

it("words a failed self-test check's alert by its code, the device by its name", () => {
  const alert: FleetAlertView = {
    id: '1',
    key: 'selftest/selftest-r1-mic-mic-level',
    rule: 'self-test',
    state: 'firing',
    site: 'hq',
    room: 'aurora',
    deviceId: 'mic',
    title: 'Self-test failed in hq/aurora',
    text: 'Self-test failed: mic mic-level',
    params: {
      code: 'ROOMCTL_E_SELFTEST_MIC_SILENT',
      detail: 'Self-test failed: mic mic-level',
      deviceNames: { en: 'Ceiling microphone', 'zh-CN': '吸顶麦克风' },
    },
    at: '2026-01-01T00:00:00.000Z',
  };
  try {
    setFleetLocale('zh-CN');
    expect(alertWords(alert, 'Aurora')).toEqual({ title: 'Aurora 的吸顶麦克风自检未通过', text: FLEET_ZH_CN['Heard nothing in the self-test'] });
    expect(alertWords({ ...alert, state: 'resolved' }, 'Aurora')).toEqual({ title: 'Aurora 的吸顶麦克风自检已恢复通过', text: '下一次自检时该项已通过。' });
  } finally {
    setFleetLocale('en');
  }
});

it("labels a device's own English words in an offline alert as the device's, after the sentence in the operator's language", () => {
  const alert: FleetAlertView = {
    id: '2',
    key: 'device-offline/cam',
    rule: 'device-offline',
    state: 'firing',
    site: 'hq',
    room: 'aurora',
    deviceId: 'cam',
    title: 'cam offline in hq/aurora',
    text: 'cam has been offline for 60 s.',
    params: {
      forS: 60,
      detail: 'serial port /dev/ttyUSB0 closed — The device is not connected; check its cable, power and address.',
      deviceNames: { en: 'Front camera', 'zh-CN': '前置摄像头' },
    },
    at: '2026-01-01T00:00:00.000Z',
  };
  try {
    setFleetLocale('zh-CN');
    expect(alertWords(alert, 'Aurora').text).toMatch(/^前置摄像头 已离线 .+。 设备原文：serial port \/dev\/ttyUSB0 closed — The device/);
  } finally {
    setFleetLocale('en');
  }
  expect(alertWords(alert, 'Aurora').text).toMatch(/^Front camera has been offline for .+\. The device says: serial port/);
});

it("says who resolved a device's offline alert by hand, in the operator's language, and a device back as before", () => {
  const { title, text } = { title: 'display offline in hq/aurora: issue resolved by hand', text: 'Ana Lima resolved the issue by hand after 300 s offline.' };
  const params = { forS: 300, by: 'Ana Lima', deviceNames: { en: 'Wall display', 'zh-CN': '墙面显示屏' } };
  const alert: FleetAlertView = {
    id: '3',
    key: 'device-offline/hq/aurora/display',
    rule: 'device-offline',
    state: 'resolved',
    site: 'hq',
    room: 'aurora',
    deviceId: 'display',
    title,
    text,
    params,
    at: '2026-01-01T00:05:00.000Z',
  };
  expect(alertWords(alert, 'Aurora')).toEqual({
    title: 'Wall display offline in Aurora: issue resolved by hand',
    text: 'Ana Lima resolved the issue by hand after 5 min offline; the room has not reported the device back.',
  });
  try {
    setFleetLocale('zh-CN');
    expect(alertWords(alert, 'Aurora')).toEqual({
      title: 'Aurora 的 墙面显示屏 离线：问题已手动解决',
      text: 'Ana Lima 在设备离线 5 分钟 后手动解决了该问题；会议室尚未报告设备恢复。',
    });
    expect(alertWords({ ...alert, params: { forS: 300, deviceNames: params.deviceNames } }, 'Aurora').title).toBe('Aurora 的 墙面显示屏 已恢复');
  } finally {
    setFleetLocale('en');
  }
});
