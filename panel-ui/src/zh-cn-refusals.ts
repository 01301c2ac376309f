/** 简体中文 for the refusals the panel and a meeting's page share (shared-refusal-words.ts) and the room's own refusals on the panel (refusal-words.ts). */
export const ZH_CN_REFUSALS: Record<string, string> = {
  'Check-in is not open now: it opens shortly before the meeting starts and closes when it ends.':
    '现在不在签到时间内：会议开始前不久开放签到，会议结束时关闭。',
  'Someone else changed the agenda meanwhile. Look at it again, then make your change.': '此间有人修改了议程。请重新查看议程，再做修改。',
  'The meeting cannot do that now: it has not started yet, or it has ended. Wait for its start, or book the room again.':
    '会议现在无法执行此操作：会议尚未开始或已经结束。请等待会议开始，或重新预订会议室。',
  'This meeting is no longer on the room’s calendar: it was moved or cancelled. Ask its organiser.':
    '此会议已不在会议室日程中：已改期或取消。请询问会议组织者。',
  'The minutes have been sent: they can no longer be changed here. The organiser can still correct them from the minutes e-mail.':
    '纪要已发出，无法在此修改。组织者仍可通过纪要邮件进行更正。',
  'Too many tries at once. Wait a moment and try again.': '尝试次数过多，请稍候再试。',
  'The room could not save that: its storage is full or failing. Write it down for now and call facilities; the rest of the room works.':
    '会议室未能保存：存储空间已满或出现故障。请先手写记下并呼叫后勤；会议室其他功能照常可用。',
  '{limit} people who were not invited have checked in, as many as a meeting takes. Write the names of the others in the minutes.':
    '未受邀人员签到已达 {limit} 人，为会议上限。请将其他人的姓名记入纪要。',
  'This meeting holds {limit} notes and decisions, as many as it may. Add to one already there, or go on in a new meeting.':
    '本会议已有 {limit} 条笔记和决议，已达上限。请补充到已有的条目中，或在新会议中继续。',
  'This meeting holds {limit} action items, as many as it may. Add to one already there, or go on in a new meeting.':
    '本会议已有 {limit} 项待办事项，已达上限。请补充到已有的事项中，或在新会议中继续。',
  'This meeting has had {limit} polls, as many as it may. Take the next vote by a show of hands and write it in the minutes.':
    '本会议已进行 {limit} 次表决，已达上限。下一次请举手表决并记入纪要。',
  'Hands were raised {limit} times in this meeting, as many as it takes. Ask for the floor aloud.': '本会议举手已达 {limit} 次上限。请直接口头申请发言。',
  'This show of hands was counted {limit} times, as many as a poll takes. Write the last count in the minutes.':
    '本次举手表决已计数 {limit} 次，已达上限。请将最后的计数记入纪要。',
  'An agenda holds at most {limit} items. Remove some, then save it again.': '议程最多 {limit} 项。请删除一些后再保存。',
  'This meeting holds as many of those as a meeting may. Go on in a new meeting.': '本会议的此类内容已达上限。请在新会议中继续。',
  'The room takes bookings made here up to {limit} days ahead. Book further ahead in the calendar.':
    '在此预订最多可提前 {limit} 天。更远的日期请在日历中预订。',
  'The room has taken {limit} bookings made here in the last 24 hours, as many as it takes. Book it in the calendar instead.':
    '过去 24 小时内在此已预订 {limit} 次，已达上限。请改在日历中预订。',
  'The room does not allow that value. Choose another, or call facilities if you need it.': '会议室不允许该数值。请另选一个，如确需使用请呼叫后勤。',
  'This panel is not allowed to do that (it may need to be paired again). Call facilities.': '此面板无权执行该操作（可能需要重新配对）。请呼叫后勤。',
  'The room is booked at that time. Choose a shorter or another time.': '该时段会议室已被预订。请选择更短或其他的时间。',
  'This room does not join online meetings itself. Join from a laptop with the meeting’s link, and show it on the display.':
    '本会议室不能自行加入线上会议。请用笔记本电脑通过会议链接加入，并投到显示屏上。',
  '{name} cannot do that: it has no such control. Use its own buttons or remote.': '{name}不支持此操作：没有这项控制。请使用它自己的按键或遥控器。',
};
