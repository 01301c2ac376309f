/**
 * A released booking as the panel says it: "nobody checked in" only for the rule's release; a
 * booking freed by hand, in its check-in window or ahead of time, is not a no-show.
 */
import { afterEach, expect, it } from 'vitest';
import { i18n } from './i18n.js';
import { releaseNoticeWords } from './release-notice.js';

// Set directly: setLocale also tells the page's <html>, which a unit test has not got.
afterEach(() => (i18n.locale = 'en'));

it('says nobody checked in only when nobody did, and a cancellation ahead of time as one', () => {
  expect(releaseNoticeWords('no-check-in')).toBe('Nobody checked in, so the booking was cancelled.');
  expect(releaseNoticeWords('by-hand')).toBe('The booking was released so others can book the room.');
  expect(releaseNoticeWords('ahead-of-time')).toBe('The booking was cancelled ahead of time: the room is free for others to book.');
});

it('says it in Chinese on a Chinese panel', () => {
  i18n.locale = 'zh-CN';
  expect(releaseNoticeWords('no-check-in')).toBe('无人签到，预订已取消。');
  expect(releaseNoticeWords('by-hand')).toBe('该预订已释放，其他人可以预订会议室。');
  expect(releaseNoticeWords('ahead-of-time')).toBe('该预订已提前取消：会议室已空出，其他人可以预订。');
});
