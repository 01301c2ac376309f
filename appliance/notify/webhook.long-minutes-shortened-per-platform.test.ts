import { afterAll, beforeAll, expect, it } from 'vitest';
import type { WebhookChannelConfig, WebhookFormat } from './notify-config.js';
import type { NotifyMessage } from './notify-message.js';
import { startHttpReceiver, type HttpReceiver } from './testing/http-receiver.js';
import { platformReceiver } from './testing/platform-receivers.js';
import { sendWebhook } from './webhook-sender.js';

// Minutes as the API allows them: decisions of up to 5,000 characters, in Chinese (3 bytes each).
const decision = '决定：'.padEnd(5000, '预算');
const text = [
  '# Budget review',
  '',
  '## Decisions',
  '',
  ...Array.from({ length: 6 }, (_, i) => `- ${i + 1} ${decision}`),
  '',
  '## Action items',
  '',
  '- [ ] Send the figures — Li Wei',
].join('\n');
const message: NotifyMessage = { kind: 'minutes', title: 'Minutes: Budget review', text, meetingId: 'm-1', link: 'https://rooms.example.com/meeting/m-1' };
const room = { id: 'aurora', name: 'Aurora', site: 'hq' };
const now = new Date('2026-04-01T08:00:00.000Z');

let hook: HttpReceiver;
beforeAll(async () => {
  hook = await startHttpReceiver();
});
afterAll(() => hook.close());

const channel = (format: WebhookFormat, secret?: string): WebhookChannelConfig => ({
  id: format,
  format,
  url: `${hook.url}/${format}`,
  ...(secret ? { secret } : {}),
});

it.each([
  ['dingtalk', 'ding-secret'],
  ['feishu', 'feishu-secret'],
  ['teams', undefined],
  ['slack', undefined],
  ['wecom', undefined],
] as const)('%s takes 90 KB of minutes, shortened to its limit and ending with the link to the whole text', async (format, secret) => {
  hook.respond = platformReceiver(format, { secret });
  await expect(sendWebhook(channel(format, secret), message, room, now)).resolves.toBeTruthy();
  const sent = hook.requests.at(-1)!.body;
  expect(sent).toContain('shortened; the full text: https://rooms.example.com/meeting/m-1');
  expect(sent).toContain('Budget review');
  // No character was cut in half: the body is valid UTF-8 that round-trips.
  expect(Buffer.from(sent, 'utf8').toString('utf8')).toBe(sent);
  expect(sent).not.toContain('\uFFFD');
});

it('a short message is sent whole, with no shortening note', async () => {
  hook.respond = platformReceiver('dingtalk');
  await sendWebhook(channel('dingtalk'), { ...message, text: '- one decision' }, room, now);
  expect(hook.requests.at(-1)!.body).not.toContain('shortened');
});

it("a Chinese room's shortened minutes end with the note in Chinese", async () => {
  hook.respond = platformReceiver('wecom');
  await sendWebhook(channel('wecom'), { ...message, locale: 'zh-CN' }, room, now);
  const sent = JSON.parse(hook.requests.at(-1)!.body) as { markdown: { content: string } };
  expect(sent.markdown.content).toMatch(/…（已截短）全文：https:\/\/rooms\.example\.com\/meeting\/m-1$/);
  expect(sent.markdown.content).not.toContain('shortened');
});
