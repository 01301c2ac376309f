import { afterEach, expect, it } from 'vitest';
import { waitFor } from '../../tests/helpers/test-room.js';
import { HelpDesk } from '../help/help-desk.js';
import { HelpRepository } from '../help/help-repository.js';
import { startHttpReceiver, type HttpReceiver } from '../notify/testing/http-receiver.js';
import { startSmtpRecorder, type SmtpRecorder } from '../notify/testing/smtp-recorder.js';
import { book, start } from './meeting-lifecycle.js';
import { roomFixture, type RoomFixture } from './testing/room-fixture.js';

let fx: RoomFixture;
let smtp: SmtpRecorder;
let hook: HttpReceiver;
afterEach(async () => {
  await fx.close();
  await smtp.close();
  await hook.close();
});

it('a room with no MQTT broker: the help call reaches the facilities addresses and the group chat', async () => {
  smtp = await startSmtpRecorder();
  hook = await startHttpReceiver({ status: 200, body: '{"errcode":0,"errmsg":"ok"}' });
  fx = roomFixture({
    start: '2026-04-01T02:00:00.000Z',
    timezone: 'Asia/Shanghai',
    meetings: { reminderMinutes: 0 },
    notifications: {
      email: { host: '127.0.0.1', port: smtp.port, from: 'aurora@example.com' },
      facilities: ['facilities@example.com'],
      webhooks: [{ id: 'ops', format: 'wecom', url: `${hook.url}/wecom` }],
    },
  });
  const m = book(fx.room.ctx, { start: '2026-04-01T02:00:00.000Z', minutes: 30, title: 'Board meeting', organiser: { email: 'alice@example.com' } });
  start(fx.room.ctx, m.id);
  const desk = new HelpDesk(fx.room.ctx.bus, new HelpRepository(fx.room.ctx.db));
  try {
    desk.request('The projector shows nothing');
    await waitFor(
      () => smtp.messages.some((x) => /^Subject: Help needed in Aurora$/m.test(x.data)) && hook.requests.length === 1,
      8000,
      'help by email and chat',
    );
    const mail = smtp.messages.find((x) => /^Subject: Help needed in Aurora$/m.test(x.data))!;
    expect(mail.to).toEqual(['facilities@example.com']);
    const content = (hook.requests[0]!.json as { markdown: { content: string } }).markdown.content;
    expect(content).toContain('The projector shows nothing');
    expect(content).toContain('Board meeting');
    expect(content).toContain('10:00');
  } finally {
    desk.close();
  }
});
