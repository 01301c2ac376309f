/** 简体中文 for the online call (the Join button, its states, the phone page's link). */
export const ZH_CN_CALLS: Record<string, string> = {
  'Join {name}': '加入{name}',
  'Joining {name}…': '正在加入{name}…',
  'In the call': '通话中',
  'Leave the call': '退出通话',
  'The call failed': '通话失败',
  'Press Join to try again, or call for help.': '请按“加入”重试，或求助。',
  'Video call: {address}': '视频会议系统：{address}',
  'The check before the meeting could not reach {name}: the organiser has the link and dial-in to join another way.':
    '会前检查无法连接{name}：组织者已收到会议链接和拨入方式，可改用其他方式入会。',
  'Online call': '线上会议',
};
