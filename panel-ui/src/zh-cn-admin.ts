/** 简体中文 for the admin view's own words (admin-screen.ts adds it to ZH_CN when the view loads: the panel's first screen never needs it). */
export const ZH_CN_ADMIN: Record<string, string> = {
  'Storage: ok, {free} free': '存储：正常，剩余 {free}',
  'Storage low: {free} free': '存储空间不足：剩余 {free}',
  'Storage full: not saved': '存储已满：无法保存',
};
