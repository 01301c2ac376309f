import { expect, it } from 'vitest';
import { waitFor } from '../../tests/helpers/test-room.js';
import { HelpDesk } from '../help/help-desk.js';
import { HelpRepository } from '../help/help-repository.js';
import { book, start } from './meeting-lifecycle.js';
import { useMailingRoom } from './testing/mailing-room.js';

const mailingRoom = useMailingRoom();

it('a room with no MQTT broker: the help call reaches the facilities addresses and the group chat', async () => {
  const { fx, smtp, chat } = await mailingRoom({
    start: '2026-04-01T02:00:00.000Z',
    timezone: 'Asia/Shanghai',
    meetings: { reminderMinutes: 0 },
    notifications: { facilities: ['facilities@example.com'] },
    webhooks: (url) => [{ id: 'ops', format: 'wecom', url: `${url}/wecom` }],
    chatReply: { status: 200, body: '{"errcode":0,"errmsg":"ok"}' },
  });
  const m = book(fx.room.ctx, { start: '2026-04-01T02:00:00.000Z', minutes: 30, title: 'Board meeting', organiser: { email: 'alice@example.com' } });
  start(fx.room.ctx, m.id);
  const desk = new HelpDesk(fx.room.ctx.bus, new HelpRepository(fx.room.ctx.db));
  try {
    desk.request('The projector shows nothing');
    await waitFor(
      () => smtp.messages.some((x) => /^Subject: Help needed in Aurora$/m.test(x.data)) && chat.requests.length === 1,
      8000,
      'help by email and chat',
    );
    const mail = smtp.messages.find((x) => /^Subject: Help needed in Aurora$/m.test(x.data))!;
    expect(mail.to).toEqual(['facilities@example.com']);
    const content = (chat.requests[0]!.json as { markdown: { content: string } }).markdown.content;
    expect(content).toContain('The projector shows nothing');
    expect(content).toContain('Board meeting');
    expect(content).toContain('10:00');
  } finally {
    desk.close();
  }
});
