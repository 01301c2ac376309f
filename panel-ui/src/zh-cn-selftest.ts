import { ZH_CN_SELF_TEST } from '../../appliance/meetings/self-test-words-zh-cn.js';

/**
 * 简体中文 for the admin view's self-test: the view's own words, and what each check tried and
 * what to do next (the room's table, which facilities' messages read too). Loaded with the
 * admin view, not with the panel's first screen: admin-selftest.ts adds it to ZH_CN.
 */
export const ZH_CN_SELFTEST: Record<string, string> = {
  ...ZH_CN_SELF_TEST,
  'Next step: {step}': '下一步：{step}',
  'What failed': '失败项',
  failed: '失败',
};
