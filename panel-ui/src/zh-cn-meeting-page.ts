/** 简体中文 for a meeting's phone page only (meeting-page.ts adds it to ZH_CN: the panel never loads it): checking in, the online call's details, the floor. */
export const ZH_CN_MEETING_PAGE: Record<string, string> = {
  'Join online': '线上入会',
  'Open the meeting link': '打开会议链接',
  'Meeting ID': '会议号',
  Passcode: '会议密码',
  'Video system': '视频会议系统',
  'Check in to raise your hand or vote.': '签到后即可举手或投票。',
  '{name} has the floor.': '{name}正在发言。',
  'Your hand is up: {n} in line.': '您已举手：排在第 {n} 位。',
  'Lower my hand': '放下我的手',
  'Raise my hand': '我要举手',
  'For the chair': '主持人操作',
  Meeting: '会议',
  '{name}, you are checked in.': '{name}，您已签到。',
};
