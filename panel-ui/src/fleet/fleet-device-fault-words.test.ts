/**
 * Every coded error a room's drivers and device host can fail a device with has its words on
 * the dashboard, in English and in Chinese: a driver that starts reporting a new code fails
 * here, not by showing an operator the device's English text on a Chinese dashboard.
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { afterEach, expect, it } from 'vitest';
import { PROJECT_ROOT } from '../../../appliance/paths.js';
import { SELF_TEST_FAULT_CODES } from '../../../appliance/meetings/self-test-advice.js';
import { TELEMETRY_HELD } from '../../../appliance/store/storage-health.js';
import { DEVICE_FAULT_WORDS, deviceFaultWords, ROOM_FAULT_WORDS, SELF_TEST_FAULT_WORDS } from './fleet-device-fault-words.js';
import { roomEventWords } from './fleet-event-words.js';
import { setFleetLocale } from './fleet-words.js';
import { FLEET_ZH_CN } from './fleet-zh-cn.js';

/** The drivers' own code and the device host: not the shared core (its catalog names every code), simulators or tests. */
function deviceErrorCodes(): Set<string> {
  const codes = new Set<string>();
  const walk = (dir: string) => {
    for (const name of readdirSync(dir)) {
      const path = join(dir, name);
      const rel = relative(PROJECT_ROOT, path);
      if (statSync(path).isDirectory()) {
        if (rel !== join('drivers', 'core') && rel !== join('drivers', 'sim')) walk(path);
      } else if (name.endsWith('.ts') && !name.endsWith('.test.ts') && !name.includes('simulator')) {
        for (const m of readFileSync(path, 'utf8').matchAll(/ROOMCTL_E_[A-Z_]+/g)) codes.add(m[0]);
      }
    }
  };
  walk(join(PROJECT_ROOT, 'drivers'));
  walk(join(PROJECT_ROOT, 'appliance', 'devices'));
  return codes;
}

afterEach(() => setFleetLocale('en'));

it('words every code a device can fail with, in English and Chinese, without the code', () => {
  const codes = [...deviceErrorCodes()];
  expect(codes).toContain('ROOMCTL_E_DEVICE_OFFLINE');
  expect(codes.filter((c) => DEVICE_FAULT_WORDS[c] === undefined)).toEqual([]);
  expect(Object.values(DEVICE_FAULT_WORDS).filter((en) => FLEET_ZH_CN[en] === undefined)).toEqual([]);
  for (const en of Object.values(DEVICE_FAULT_WORDS)) expect(en).not.toMatch(/ROOMCTL_E_|\{/);
});

it("says a known code in the operator's language, and nothing for an unknown one (the device's own text is shown)", () => {
  expect(deviceFaultWords('ROOMCTL_E_CONNECT_FAILED')).toBe('Cannot be reached over the network');
  setFleetLocale('zh-CN');
  expect(deviceFaultWords('ROOMCTL_E_CONNECT_FAILED')).toBe('无法通过网络连接');
  expect(deviceFaultWords('VENDOR_E_LAMP')).toBeNull();
  expect(deviceFaultWords(null)).toBeNull();
});

it('words every code a failed self-test check carries, in English and Chinese, and no code the self-test does not have', () => {
  const codes = Object.values(SELF_TEST_FAULT_CODES);
  expect(codes.filter((c) => SELF_TEST_FAULT_WORDS[c] === undefined)).toEqual([]);
  expect(Object.keys(SELF_TEST_FAULT_WORDS).filter((c) => !(codes as string[]).includes(c))).toEqual([]);
  expect(Object.values(SELF_TEST_FAULT_WORDS).filter((en) => FLEET_ZH_CN[en] === undefined)).toEqual([]);
  setFleetLocale('zh-CN');
  expect(deviceFaultWords('ROOMCTL_E_SELFTEST_MIC_SILENT')).toBe('自检时未拾取到任何声音');
});

it("words the room's storage check as the room's fault, in English and Chinese", () => {
  expect(Object.keys(ROOM_FAULT_WORDS)).toEqual([TELEMETRY_HELD, 'ROOMCTL_E_STORAGE']);
  expect(Object.values(ROOM_FAULT_WORDS).filter((en) => FLEET_ZH_CN[en] === undefined)).toEqual([]);
  const raised = {
    seq: 1,
    id: 'e1',
    site: 'hq',
    room: 'aurora',
    type: 'fault.raised',
    deviceId: null,
    at: '2026-03-02T09:00:00Z',
    body: { faultId: 'storage-1', code: TELEMETRY_HELD, detail: 'The data folder is full: telemetry is held in memory' },
  };
  expect(roomEventWords(raised, {}).text).toBe('The room: Its data folder is full: what it reports is held in memory, and lost past its bounds');
  setFleetLocale('zh-CN');
  expect(roomEventWords(raised, {}).text).toBe('会议室：数据目录已满：上报的消息暂存在内存中，超出上限的将丢失');
  const refused = { ...raised, body: { faultId: 'storage-2', code: 'ROOMCTL_E_STORAGE', detail: 'Not saved: the data folder is full (SQLITE_FULL).' } };
  expect(roomEventWords(refused, {}).text).toBe('会议室：数据目录拒绝写入：在该会议室进行的预订、签到和记录不会被保存');
  setFleetLocale('en');
  expect(roomEventWords(refused, {}).text).toBe('The room: Its data folder refuses writes: bookings, check-ins and notes made there are not saved');
});
