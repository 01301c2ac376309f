/** 简体中文 for what the room sends people before and around a meeting (reminders, nudges, releases, follow-ups); keys are the English texts (room-words.ts). */
export const ZH_CN_MESSAGES: Record<string, string> = {
  'Private meeting': '非公开会议',
  'meeting ID {id}': '会议号 {id}',
  'passcode {code}': '密码 {code}',
  ', ': '，',
  'Online ({name}): {url}': '线上会议（{name}）：{url}',
  'Online ({name}): {url} ({ids})': '线上会议（{name}）：{url}（{ids}）',
  'Video system / dial-in: {dial}': '视频终端 / 拨入：{dial}',
  online: '线上',
  '{title} at {time}: {room} may not join the {service} call': '{title}（{time}）：{room} 可能无法加入{service}通话',
  "The room's check before {title} ({when}) failed:": '会议室在“{title}”（{when}）之前的检查未通过：',
  'Join from your own device, or ask people to, with:': '请用您自己的设备加入，或请参会者用以下方式加入：',
  'Reminder: {title} in {n} min ({room})': '提醒：{title}将于 {n} 分钟后开始（{room}）',
  'Check in at the room, or from the link in your own reminder.': '请在会议室签到，或通过您本人提醒中的链接签到。',
  'Check in at the room or at {url}': '请在会议室或通过 {url} 签到',
  '{title} starts at {time} in {room} ({when}).': '{title}将于 {time} 在 {room} 开始（{when}）。',
  '{title} has started in {room}': '{title}已在 {room} 开始',
  '{who}, the meeting started at {time} and you have not checked in.': '{who}，会议已于 {time} 开始，您尚未签到。',
  'Check in: {url}': '签到：{url}',
  '{room} released: nobody checked in to {title}': '{room} 已释放：{title}无人签到',
  'Nobody checked in within {n} min of the start ({time}), so the room was released for others.':
    '开始时间（{time}）后 {n} 分钟内无人签到，会议室已释放给其他人使用。',
  'Recurring booking unused {n} times in a row: {title} ({room})': '周期预订已连续 {n} 次未使用：{title}（{room}）',
  '{room} freed from the panel: {title}': '{room} 已在面板上释放：{title}',
  'At {time} someone in {room} freed the room from its panel: the meeting ({start}–{end}) is not taking place. The booking was released so others can book the room.':
    '{time}，{room} 有人在会议室面板上释放了会议室：会议（{start}–{end}）不再举行。该预订已释放，其他人可以预订会议室。',
  '{room} freed through its API: {title}': '{room} 已通过 API 释放：{title}',
  "At {time} {room} was freed through the room's API (by a program or device holding one of the room's tokens): the meeting ({start}–{end}) is not taking place. The booking was released so others can book the room.":
    '{time}，{room} 已通过会议室 API 释放（由持有会议室令牌的程序或设备操作）：会议（{start}–{end}）不再举行。该预订已释放，其他人可以预订会议室。',
  '{room} booking cancelled ahead of time: {title}': '{room} 的预订已提前取消：{title}',
  "At {time} the booking of {room} on {day}, {start}–{end}, was cancelled from the room's panel, before its check-in opened. The room is free for others to book.":
    '{time}，有人在会议室面板上取消了 {room} {day} {start}–{end} 的预订，当时签到尚未开始。会议室已空出，其他人可以预订。',
  "At {time} the booking of {room} on {day}, {start}–{end}, was cancelled through the room's API (by a program or device holding one of the room's tokens), before its check-in opened. The room is free for others to book.":
    '{time}，{room} {day} {start}–{end} 的预订已通过会议室 API 取消（由持有会议室令牌的程序或设备操作），当时签到尚未开始。会议室已空出，其他人可以预订。',
  "The invitation is still in the invitees' calendars: cancel it there too if the meeting is not taking place.":
    '邀请仍在受邀者的日历中：如会议不再举行，请同时在日历中取消。',
  'The series was released unused {n} times in a row (nobody checked in, or the room was freed by hand once check-in had opened). Please cancel it if it is no longer needed, so others can book {room}.':
    '该系列预订已连续 {n} 次未使用而被释放（无人签到，或签到开始后有人手动释放了会议室）。如不再需要，请取消，以便其他人预订 {room}。',
  'Action item due {day}: {text}': '待办事项 {day} 到期：{text}',
  '{owner}, this action item from "{title}" is due {day}.': '{owner}，来自“{title}”的这项待办事项将于 {day} 到期。',
  'Status: {status}. Update it through the room API (PATCH /api/v1/action-items/{id}).':
    '状态：{status}。请通过会议室 API 更新（PATCH /api/v1/action-items/{id}）。',
  open: '未开始',
  in_progress: '进行中',
  done: '已完成',
  cancelled: '已取消',
};
