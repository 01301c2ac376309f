import { expect, it } from 'vitest';
import { waitFor } from '../../tests/helpers/test-room.js';
import { mailPart, mailSubject } from '../notify/testing/smtp-recorder.js';
import { book, end, start } from './meeting-lifecycle.js';
import { addActionItem, addEntry, readMinutes } from './minutes-actions.js';
import { useMailingRoom } from './testing/mailing-room.js';

const mailingRoom = useMailingRoom();

it('a room set to Chinese sends its minutes in Chinese: headings, the poll’s result, action items, dates in Shanghai', async () => {
  const { fx, smtp } = await mailingRoom({
    start: '2026-04-01T01:50:00.000Z',
    timezone: 'Asia/Shanghai',
    locale: 'zh-CN',
  });
  const ctx = fx.room.ctx;
  const m = book(ctx, {
    start: '2026-04-01T02:00:00.000Z',
    minutes: 30,
    title: '预算评审',
    organiser: { name: 'Alice', email: 'alice@example.com' },
    attendees: [{ name: 'Bob', email: 'bob@example.com', required: true }],
  });
  await fx.advanceTo('2026-04-01T02:00:00.000Z');
  start(ctx, m.id);
  const panel = { via: 'token' as const };
  // Nobody votes: a tie, not approved.
  ctx.conversation.closePoll(ctx.conversation.openPoll(m.id, 'Approve the budget?', undefined).pollId);
  addEntry(ctx, m.id, 'decision', 'Hire two engineers', undefined, panel);
  // 17:00Z on the 7th is already the 8th in Shanghai.
  addActionItem(ctx, m.id, { text: 'Send the budget', owner: 'Bob', ownerEmail: 'bob@example.com', deadline: '2026-04-07T17:00:00.000Z' }, panel);
  await fx.advance(20 * 60_000);
  end(ctx, m.id);

  const minutesTo = (email: string) => smtp.messages.find((x) => mailSubject(x.data) === '会议纪要：预算评审' && x.to.includes(email))?.data;
  // Bob's by the shared email; the organiser's own carries the personal link.
  await waitFor(() => !!minutesTo('bob@example.com') && !!minutesTo('alice@example.com'), 8000, 'the minutes by email, titled in Chinese');
  const mail = minutesTo('bob@example.com')!;
  const text = mailPart(mail, 'text/plain');
  expect(text).toContain('会议室 Aurora · 预订 2026年4月1日 10:00–10:30 · 实际 10:00–10:20（Asia/Shanghai 时间）');
  expect(text).toContain('- Bob：缺席');
  expect(text).toContain('- Approve the budget? — 票数相同，未通过（0 票赞成，0 票反对）');
  expect(text).toContain('- Hire two engineers');
  expect(text).toContain('- [ ] Send the budget — Bob，截止 2026年4月8日');
  for (const english of ['Attendance', 'Decisions', 'Action items', 'Tied', 'absent', 'due ']) expect(text).not.toContain(english);

  const html = mailPart(mail, 'text/html');
  // Mail clients pick Chinese fonts and line breaking from the part's language.
  expect(html).toContain('<html lang="zh-CN">');
  for (const heading of ['出席情况', '决议', '待办事项']) expect(html).toContain(`<h2>${heading}</h2>`);
  expect(html).toContain('票数相同，未通过（0 票赞成，0 票反对）');
  // The organiser's personal link is worded in Chinese too.
  expect(mailPart(minutesTo('alice@example.com')!, 'text/plain')).toContain('作为组织者，您可通过它修改纪要');

  // The export (minutes.md) speaks the same language.
  expect(readMinutes(ctx, m.id, panel).markdown).toContain('## 决议');
});
