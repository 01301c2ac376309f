/**
 * A finished agenda item says the minutes it took, from its start to its end, and the planned
 * ones beside them when they differ; one not finished yet says its planned minutes.
 */
import { afterEach, expect, it } from 'vitest';
import { agendaItemTime } from './agenda-item-time.js';
import { i18n } from './i18n.js';

// Set directly: setLocale also tells the page's <html>, which a unit test has not got.
afterEach(() => (i18n.locale = 'en'));

const START = '2026-12-07T10:00:00.000Z';
/** An item planned for 10 minutes that ended `seconds` after its start. */
const ranFor = (seconds: number) => ({ minutes: 10, startedAt: START, endedAt: new Date(Date.parse(START) + seconds * 1000).toISOString() });

it('says the planned minutes of an item not started, and of the one running', () => {
  expect(agendaItemTime({ minutes: 10, startedAt: null, endedAt: null })).toBe('10 min');
  expect(agendaItemTime({ minutes: 10, startedAt: START, endedAt: null })).toBe('10 min');
});

it('says the minutes a finished item took, with the planned ones when they differ', () => {
  expect(agendaItemTime(ranFor(12 * 60 + 10))).toBe('12 min (planned 10)');
  expect(agendaItemTime(ranFor(7 * 60 + 40))).toBe('8 min (planned 10)');
  expect(agendaItemTime(ranFor(75 * 60))).toBe('75 min (planned 10)');
  expect(agendaItemTime(ranFor(10 * 60 + 20))).toBe('10 min');
});

it('says the seconds of an item moved on from at once, and "Skipped" for one passed over', () => {
  expect(agendaItemTime(ranFor(20))).toBe('20 s (planned 10)');
  expect(agendaItemTime(ranFor(0))).toBe('Skipped');
});

it('says it in Chinese on a Chinese panel', () => {
  i18n.locale = 'zh-CN';
  expect(agendaItemTime(ranFor(12 * 60))).toBe('12 分钟（计划 10 分钟）');
  expect(agendaItemTime(ranFor(10 * 60))).toBe('10 分钟');
  expect(agendaItemTime(ranFor(20))).toBe('20 秒（计划 10 分钟）');
});
