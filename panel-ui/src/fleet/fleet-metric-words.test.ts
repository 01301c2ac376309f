/**
 * The numbers a room's devices report read as words on the dashboard, in English and in
 * Chinese with the value kept — not as the names the drivers give them in code.
 */
import { afterEach, expect, it } from 'vitest';
import { METRIC_WORDS, metricWords } from './fleet-metric-words.js';
import { setFleetLocale } from './fleet-words.js';
import { FLEET_ZH_CN } from './fleet-zh-cn.js';

afterEach(() => setFleetLocale('en'));

it('words every known metric in both languages, its value in it', () => {
  const missing = Object.values(METRIC_WORDS).filter((en) => !FLEET_ZH_CN[en]?.includes('{n}') || !en.includes('{n}'));
  expect(missing).toEqual([]);
});

it("words a microphone array's and a camera's numbers in Chinese, without their code names", () => {
  setFleetLocale('zh-CN');
  const words = Object.entries({ channelCount: 8, meterRateMs: 1000, zoom: 0, focus: 4096, presetsStored: 3, hostRestarts: 0 }).map(([k, v]) =>
    metricWords(k, v),
  );
  expect(words).toEqual(['8 个通道', '电平每 1000 毫秒', '变焦 0', '对焦 4096', '已存 3 个预设', '媒体进程重启 0 次']);
  // A number of a driver this dashboard does not know yet: as it came.
  expect(metricWords('tiltSpeed', 4)).toBe('tiltSpeed 4');
});
