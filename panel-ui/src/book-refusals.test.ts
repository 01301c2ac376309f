import { afterEach, expect, it } from 'vitest';
import { ApiError } from './api-client.js';
import { refusalOf } from './book-refusals.js';
import { i18n } from './i18n.js';
import { ZH_CN } from './zh-cn.js';
import { ZH_CN_BOOK_PAGE } from './zh-cn-book-page.js';

// The booking page adds its own words to the catalogue when it loads (book-page.ts); so does this test.
Object.assign(ZH_CN, ZH_CN_BOOK_PAGE);

// Set directly: setLocale also tells the page's <html>, which a unit test has not got.
afterEach(() => (i18n.locale = 'en'));

it("words a refusal it has no words of its own for in the page's language, never the room's English message", () => {
  i18n.locale = 'zh-CN';
  const refusal = refusalOf(new ApiError({ code: 'ROOMCTL_E_RATE_LIMITED', message: 'Too many requests from this client: wait 12 s' }, 429));
  expect(refusal.text).toBe('会议室未能接受此预订，请稍后重试。');
  expect(refusal.code).toBe('ROOMCTL_E_RATE_LIMITED');
  expect(refusalOf(new ApiError({ code: 'ROOMCTL_E_BAD_REQUEST', message: 'Invalid request: body must be object' }, 400)).text).toBe(
    '会议室未能接受此预订，请稍后重试。',
  );
});
