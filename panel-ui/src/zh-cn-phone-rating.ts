/** 简体中文 for a person's own rating on the phone page (phone-rating.ts adds it to ZH_CN: the panel never loads it). */
export const ZH_CN_PHONE_RATING: Record<string, string> = {
  'Anything to add? (optional)': '还有什么要补充的吗？（可选）',
  'You have rated this meeting already.': '您已为此会议评过分。',
  'You rated this meeting {n}/5': '您给此会议评了 {n}/5 分',
};
