/**
 * 简体中文 for the words about device health, refusals and the self-test's advice (merged
 * into ZH_CN; kept apart so the long advice texts do not crowd the main table).
 */
export const ZH_CN_HEALTH: Record<string, string> = {
  '{name} is not working fully': '{name}工作不正常',
  '{name} is offline': '{name}已离线',
  '{name} does not accept the room’s login': '{name}不接受本会议室的登录',
  '{name} is not set up correctly': '{name}配置有误',
  '{name} is connecting…': '{name}正在连接…',
  '{name} is not available': '{name}不可用',
  '{problem} — facilities have been told.': '{problem}，已通知后勤。',
  '{problem} — call facilities if you need it.': '{problem}，如需使用请呼叫后勤。',
  '{name} is connecting; its controls come back when it answers.': '{name}正在连接，连接后即可操作。',
  '{name} cannot be used right now, so its controls are off.': '{name}暂时无法使用，相关控制已停用。',
  'and {n} more: see Help or call facilities.': '另有 {n} 台设备异常：请呼叫后勤。',
  'Login refused': '登录被拒绝',
  ', ': '、',
  'Not working: {names} — facilities have been told.': '无法使用：{names}，已通知后勤。',
  '{names} and {n} more': '{names}及另外 {n} 个设备',
  'Off: {names} cannot be used right now.': '已停用：{names}暂时无法使用。',
  'Not working: {names} — call facilities if you need them.': '无法使用：{names}，如需使用请呼叫后勤。',
  'The device': '设备',
  '{name} is not connected. Facilities can see it in the room’s health; call them if you need it now.':
    '{name}未连接。后勤能在会议室状态中看到；如急需使用请呼叫他们。',
  '{name} did not answer. Try again in a moment.': '{name}没有响应，请稍后再试。',
  '{name} is busy (it may be warming up). Try again in a moment.': '{name}正忙（可能正在预热），请稍后再试。',
  '{name} refused: it may be switched off or busy. Try again, or call for help.': '{name}拒绝了操作：可能已关机或正忙。请重试或求助。',
  '{name} does not accept the room’s login. Call facilities.': '{name}不接受本会议室的登录，请呼叫后勤。',
  '{name} lost its connection in the middle of that, so it may have done it. Look at {name} before you try again.':
    '{name}在执行途中断开了连接，可能已经执行。请先查看{name}的状态，再决定是否重试。',
  '{name} follows the room’s mute: use the room’s mute button.': '{name}跟随会议室静音：请使用会议室的静音按钮。',
  'The room’s video is starting again. Try again in a moment.': '会议室视频正在重新启动，请稍后再试。',
  'The room could not do that. Try again, or call for help.': '会议室未能完成该操作。请重试或求助。',
};
