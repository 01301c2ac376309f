import { createHmac } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { WebhookChannelConfig } from './notify-config.js';
import type { NotifyMessage } from './notify-message.js';
import { startHttpReceiver, type HttpReceiver } from './testing/http-receiver.js';
import { sendWebhook } from './webhook-sender.js';

const room = { id: 'aurora', name: 'Aurora', site: 'hq' };
const message: NotifyMessage = {
  kind: 'reminder',
  title: 'Budget review at 10:00',
  text: 'Room Aurora\n- Alice\n- Bob',
  meetingId: 'm-1',
  data: { start: '2026-04-01T08:00:00.000Z' },
};
const now = new Date('2026-04-01T07:45:00.000Z');

describe('webhook formats, as each chat tool receives them', () => {
  let hook: HttpReceiver;
  beforeAll(async () => {
    hook = await startHttpReceiver();
  });
  afterAll(() => hook.close());
  const last = () => hook.requests.at(-1)!;
  const channel = (format: WebhookChannelConfig['format'], extra: Partial<WebhookChannelConfig> = {}): WebhookChannelConfig => ({
    id: format,
    format,
    url: `${hook.url}/${format}?key=abc`,
    ...extra,
  });

  it('WeCom group robot: markdown message', async () => {
    hook.replies.push({ status: 200, body: '{"errcode":0,"errmsg":"ok"}' });
    await sendWebhook(channel('wecom'), message, room, now);
    expect(last().url).toBe('/wecom?key=abc');
    expect(last().headers['content-type']).toMatch(/^application\/json/);
    expect(last().json).toEqual({ msgtype: 'markdown', markdown: { content: '**Budget review at 10:00**\nRoom Aurora\n- Alice\n- Bob' } });
  });

  it('WeCom refusing with an errcode is a failure', async () => {
    hook.replies.push({ status: 200, body: '{"errcode":93000,"errmsg":"invalid webhook url"}' });
    await expect(sendWebhook(channel('wecom'), message, room, now)).rejects.toMatchObject({
      code: 'ROOMCTL_E_NOTIFY_FAILED',
      message: expect.stringContaining('93000'),
    });
  });

  it('DingTalk robot: markdown with title, signed URL', async () => {
    hook.replies.push({ status: 200, body: '{"errcode":0,"errmsg":"ok"}' });
    await sendWebhook(channel('dingtalk', { secret: 'SECabc' }), message, room, now);
    const url = new URL(last().url, hook.url);
    expect(url.searchParams.get('key')).toBe('abc');
    expect(url.searchParams.get('timestamp')).toBe(String(now.getTime()));
    const expected = createHmac('sha256', 'SECabc').update(`${now.getTime()}\nSECabc`).digest('base64');
    expect(url.searchParams.get('sign')).toBe(expected);
    expect(last().json).toEqual({
      msgtype: 'markdown',
      markdown: { title: 'Budget review at 10:00', text: '### Budget review at 10:00\n\nRoom Aurora\n\n- Alice\n\n- Bob' },
      at: { atMobiles: [], atUserIds: [], isAtAll: false },
    });
  });

  it('Feishu/Lark bot: text message with timestamp and sign in the body', async () => {
    hook.replies.push({ status: 200, body: '{"code":0,"msg":"success","data":{}}' });
    await sendWebhook(channel('feishu', { secret: 'fs-secret' }), message, room, now);
    const seconds = String(Math.floor(now.getTime() / 1000));
    const sign = createHmac('sha256', `${seconds}\nfs-secret`).update('').digest('base64');
    expect(last().json).toEqual({ msg_type: 'text', content: { text: 'Budget review at 10:00\nRoom Aurora\n- Alice\n- Bob' }, timestamp: seconds, sign });
  });

  it('Feishu refusing a bad signature is a failure', async () => {
    hook.replies.push({ status: 200, body: '{"code":19021,"msg":"sign match fail or timestamp is not within one hour from current time"}' });
    await expect(sendWebhook(channel('feishu', { secret: 'x' }), message, room, now)).rejects.toMatchObject({ code: 'ROOMCTL_E_NOTIFY_FAILED' });
  });

  it('Slack incoming webhook: text fallback plus header and mrkdwn section blocks', async () => {
    hook.replies.push({ status: 200, body: 'ok', contentType: 'text/plain' });
    await sendWebhook(channel('slack'), message, room, now);
    expect(last().json).toEqual({
      text: 'Budget review at 10:00\nRoom Aurora\n- Alice\n- Bob',
      blocks: [
        { type: 'header', text: { type: 'plain_text', text: 'Budget review at 10:00', emoji: true } },
        { type: 'section', text: { type: 'mrkdwn', text: 'Room Aurora\n• Alice\n• Bob' } },
      ],
    });
  });

  it('Microsoft Teams workflow: a message carrying one Adaptive Card', async () => {
    hook.replies.push({ status: 202, body: '' });
    await sendWebhook(channel('teams'), message, room, now);
    expect(last().json).toEqual({
      type: 'message',
      attachments: [
        {
          contentType: 'application/vnd.microsoft.card.adaptive',
          contentUrl: null,
          content: {
            $schema: 'http://adaptivecards.io/schemas/adaptive-card.json',
            type: 'AdaptiveCard',
            version: '1.4',
            body: [
              { type: 'TextBlock', text: 'Budget review at 10:00', weight: 'Bolder', size: 'Medium', wrap: true },
              { type: 'TextBlock', text: 'Room Aurora\n- Alice\n- Bob', wrap: true },
            ],
          },
        },
      ],
    });
  });

  it('generic JSON: the message as data, HMAC-signed', async () => {
    await sendWebhook(channel('json', { secret: 'json-secret' }), message, room, now);
    const body = {
      kind: 'reminder',
      room,
      meetingId: 'm-1',
      title: 'Budget review at 10:00',
      text: 'Room Aurora\n- Alice\n- Bob',
      data: { start: '2026-04-01T08:00:00.000Z' },
      sentAt: now.toISOString(),
    };
    expect(last().json).toEqual(body);
    expect(last().headers['x-roomctl-signature']).toBe(`sha256=${createHmac('sha256', 'json-secret').update(last().body).digest('hex')}`);
  });

  it('an HTTP error is a failure with the status in the message', async () => {
    hook.replies.push({ status: 500, body: 'boom', contentType: 'text/plain' });
    await expect(sendWebhook(channel('slack'), message, room, now)).rejects.toMatchObject({ message: expect.stringContaining('HTTP 500') });
  });
});
