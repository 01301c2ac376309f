import { expect, it } from 'vitest';
import { waitFor } from '../../tests/helpers/test-room.js';
import { mailPart, mailSubject } from '../notify/testing/smtp-recorder.js';
import { book, end, start } from './meeting-lifecycle.js';
import { editEntry, readMinutes } from './minutes-actions.js';
import { useMailingRoom } from './testing/mailing-room.js';

const mailingRoom = useMailingRoom();

it('a poll’s decision corrected by a person reads as corrected in the minutes’ mail and archive, not worded from the count again', async () => {
  const { fx, smtp } = await mailingRoom({ start: '2026-04-01T01:50:00.000Z', timezone: 'Asia/Shanghai', locale: 'zh-CN' });
  const ctx = fx.room.ctx;
  const m = book(ctx, { start: '2026-04-01T02:00:00.000Z', minutes: 30, title: '预算评审', organiser: { name: 'Alice', email: 'alice@example.com' } });
  await fx.advanceTo('2026-04-01T02:00:00.000Z');
  start(ctx, m.id);
  const panel = { via: 'token' as const };
  // Nobody voted on the phones: the room's show of hands was counted aloud, and written in by hand.
  const poll = ctx.conversation.closePoll(ctx.conversation.openPoll(m.id, 'Approve the budget?', undefined).pollId);
  const corrected = '预算通过（举手表决 5 票赞成，1 票反对）';
  editEntry(ctx, m.id, 'decision', `poll:${poll.pollId}`, corrected, panel);
  await fx.advance(20 * 60_000);
  end(ctx, m.id);

  expect(readMinutes(ctx, m.id, panel).markdown).toContain(`- ${corrected}\n`);
  const mail = () => smtp.messages.find((x) => mailSubject(x.data) === '会议纪要：预算评审')?.data;
  await waitFor(() => !!mail(), 8000, 'the minutes by email');
  const text = mailPart(mail()!, 'text/plain');
  expect(text).toContain(`- ${corrected}`);
  expect(text).not.toContain('票数相同');
});
