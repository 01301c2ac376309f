import { afterAll, beforeAll, expect, it } from 'vitest';
import type { WebhookChannelConfig, WebhookFormat } from './notify-config.js';
import type { NotifyMessage } from './notify-message.js';
import { startHttpReceiver, type HttpReceiver } from './testing/http-receiver.js';
import { sendWebhook } from './webhook-sender.js';

// A note typed in the meeting, as people (or a prankster) write them.
const note = 'Ping <!channel> and <!here>, see <https://evil.example|the bank> & <at user_id="all">所有人</at> <@all> <@zhangsan>';
const message: NotifyMessage = { kind: 'minutes', title: 'Minutes: <!everyone> review', text: `## Notes\n\n- ${note}` };
const room = { id: 'aurora', name: 'Aurora', site: 'hq' };
const now = new Date('2026-04-01T08:00:00.000Z');

let hook: HttpReceiver;
beforeAll(async () => {
  hook = await startHttpReceiver({ status: 200, body: '{"errcode":0,"code":0}' });
});
afterAll(() => hook.close());
const send = async (format: WebhookFormat) => {
  const channel: WebhookChannelConfig = { id: format, format, url: `${hook.url}/${format}` };
  await sendWebhook(channel, message, room, now);
  return hook.requests.at(-1)!.json as Record<string, unknown>;
};

it('Slack: & < > are escaped in mrkdwn, so <!channel> and a disguised link stay text', async () => {
  const body = (await send('slack')) as { text: string; blocks: { text: { text: string } }[] };
  for (const mrkdwn of [body.text, body.blocks[1]!.text.text]) {
    expect(mrkdwn).not.toMatch(/<!channel>|<!here>|<!everyone>|<https:/);
    expect(mrkdwn).toContain('&lt;!channel&gt;');
    expect(mrkdwn).toContain('&amp;');
  }
  // The header is plain_text, which Slack never parses: it goes as typed.
  expect(body.blocks[0]!.text.text).toBe('Minutes: <!everyone> review');
});

it('Feishu: <at user_id="all"> in typed text does not mention everyone', async () => {
  const body = (await send('feishu')) as { content: { text: string } };
  expect(body.content.text).not.toMatch(/<at\b/i);
  expect(body.content.text).toContain('所有人');
});

it('WeCom: <@userid> in typed text mentions nobody', async () => {
  const body = (await send('wecom')) as { markdown: { content: string } };
  expect(body.markdown.content).not.toMatch(/<@/);
  expect(body.markdown.content).toContain('zhangsan');
});

it('Slack and Teams get their own formatting for headings and checkboxes', async () => {
  const withTasks: NotifyMessage = { kind: 'minutes', title: 'Minutes', text: '## Action items\n\n- [ ] Send the figures\n- [x] Book the hall\n**Decided**' };
  const slack = await (async () => {
    await sendWebhook({ id: 's', format: 'slack', url: `${hook.url}/s` }, withTasks, room, now);
    return (hook.requests.at(-1)!.json as { blocks: { text: { text: string } }[] }).blocks[1]!.text.text;
  })();
  expect(slack).toBe('*Action items*\n\n☐ Send the figures\n☑ Book the hall\n*Decided*');
  await sendWebhook({ id: 't', format: 'teams', url: `${hook.url}/t` }, withTasks, room, now);
  const card = hook.requests.at(-1)!.json as { attachments: { content: { body: { text: string }[] } }[] };
  expect(card.attachments[0]!.content.body[1]!.text).toBe('**Action items**\n\n☐ Send the figures\n☑ Book the hall\n**Decided**');
});
