/**
 * What the room tells facilities speaks the room's language, as its minutes do: an admin
 * switches an English room in Shanghai to Chinese, and the next failed self-test, help call
 * and problem report reach the facilities address in Chinese — devices by their Chinese
 * names, days and times in the room's zone, what people typed and what the device said as
 * written. Cleared, the next help call is in English again.
 */
import { createServer } from 'node:net';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { startHttpReceiver, type HttpReceiver } from '../../appliance/notify/testing/http-receiver.js';
import { mailPart, mailSubject, startSmtpRecorder, type SmtpRecorder } from '../../appliance/notify/testing/smtp-recorder.js';
import { startClockedRoom, type ClockedRoom } from '../helpers/clocked-room.js';
import { waitFor } from '../helpers/test-room.js';

const PIN = '246813';
let room: ClockedRoom;
let smtp: SmtpRecorder;
let chat: HttpReceiver;

/** A loopback port nothing listens on: the projector is switched off at the wall. */
async function deadPort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as { port: number };
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
}

beforeAll(async () => {
  smtp = await startSmtpRecorder();
  chat = await startHttpReceiver({ status: 200, body: '{"errcode":0,"errmsg":"ok"}' });
  const port = await deadPort();
  room = await startClockedRoom({
    start: '2026-12-08T09:00:00Z',
    timezone: 'Asia/Shanghai',
    configure: (c) => {
      c.panel = { adminPin: PIN };
      c.notifications = {
        email: { host: '127.0.0.1', port: smtp.port, from: 'aurora@example.com' },
        facilities: ['facilities@example.com'],
        webhooks: [{ id: 'ops', format: 'wecom', url: `${chat.url}/wecom` }],
      };
      c.devices = [{ id: 'display', name: { en: 'Projector', 'zh-CN': '投影机' }, driver: 'pjlink', host: '127.0.0.1', port }];
    },
  });
});
afterAll(async () => {
  await room?.close();
  await smtp?.close();
  await chat?.close();
});

async function setLanguage(locale: 'zh-CN' | null): Promise<void> {
  const { session } = (await room.call('POST', '/api/v1/admin/session', { pin: PIN }, {})).body as { session: string };
  expect((await room.call('PUT', '/api/v1/admin/settings', { locale }, { 'x-roomctl-admin': session })).status).toBe(200);
}

/** The text of the facilities mail with this subject, once it is there. */
async function facilitiesMail(subject: string): Promise<string> {
  const mail = await waitFor(() => smtp.messages.find((x) => mailSubject(x.data) === subject), 8000, `the mail "${subject}"`);
  expect(mail.to).toEqual(['facilities@example.com']);
  return mailPart(mail.data, 'text/plain');
}

it('an admin switches the room to Chinese: self-test failure, help call and problem report reach facilities in Chinese', async () => {
  await waitFor(async () => (await room.call('GET', '/api/v1/devices/display')).body?.status === 'offline', 8000, 'the projector offline');
  await setLanguage('zh-CN');

  expect((await room.call('POST', '/api/v1/selftests')).status).toBe(200);
  const selfTest = await facilitiesMail('Aurora 自检未通过');
  expect(selfTest).toContain('2026年12月8日 17:00 的自检发现：');
  // The status in the room's language, then what the device said (its own words).
  expect(selfTest).toMatch(/^- 投影机 · 连接：离线：ROOMCTL_E_CONNECT_FAILED/m);
  expect(selfTest).toContain('下一步：检查设备是否通电、线缆或网络是否接好');
  expect(selfTest).not.toContain('Next');

  expect((await room.call('POST', '/api/v1/help', { message: '投影没有画面' })).status).toBe(201);
  const help = await facilitiesMail('Aurora 需要协助');
  expect(help).toContain('Aurora 有人于 2026年12月8日 17:00 请求协助。');
  expect(help).toContain('留言：投影没有画面');
  // The facilities' group chat gets the same words.
  const said = () => chat.requests.map((r) => (r.json as { markdown?: { content?: string } }).markdown?.content ?? '');
  await waitFor(
    () => said().some((c) => c.includes('Aurora 需要协助') && c.includes('留言：投影没有画面')),
    8000,
    'the help call in the group chat, in Chinese',
  );

  expect((await room.call('POST', '/api/v1/problems', { problems: ['display', 'audio'], comment: 'HDMI cable loose' })).status).toBe(201);
  const problem = await facilitiesMail('Aurora 报告问题：显示屏、音频');
  expect(problem).toContain('HDMI cable loose');
  expect(problem).toContain('报告时间：2026年12月8日 17:00。');

  await setLanguage(null);
  expect((await room.call('POST', '/api/v1/help', {})).status).toBe(201);
  const english = await facilitiesMail('Help needed in Aurora');
  expect(english).toContain('Someone in Aurora asked for help at 17:00 on 2026-12-08.');
  expect(english).toContain('They left no message.');
});
