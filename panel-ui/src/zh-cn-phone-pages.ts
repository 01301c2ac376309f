/**
 * 简体中文 that both phone pages show and the panel does not: their forms' "who you are". Each
 * page adds these and its own table (zh-cn-meeting-page.ts, zh-cn-book-page.ts) to ZH_CN when
 * it loads; the panel never loads them.
 */
export const ZH_CN_PHONE_PAGES: Record<string, string> = {
  'Your name': '您的姓名',
  'Email (optional)': '邮箱（可选）',
};
