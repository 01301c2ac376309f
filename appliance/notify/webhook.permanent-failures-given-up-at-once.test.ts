import { afterEach, expect, it } from 'vitest';
import { waitFor } from '../../tests/helpers/test-room.js';
import type { WebhookChannelConfig } from './notify-config.js';
import { startHttpReceiver, type HttpReceiver, type Reply } from './testing/http-receiver.js';
import { notifyFixture, type NotifyFixture } from './testing/notify-fixture.js';

let hook: HttpReceiver;
let fx: NotifyFixture;
afterEach(async () => {
  await fx.close();
  await hook.close();
});

async function sendOnce(format: WebhookChannelConfig['format'], reply: Reply) {
  hook = await startHttpReceiver(reply);
  fx = notifyFixture({ webhooks: [{ id: 'ops', format, url: `${hook.url}/hook` }], retry: { firstDelaySeconds: 10, maxAttempts: 50 } });
  const [id] = fx.notifier.notify({ kind: 'problem', title: 'Problem reported', text: 'camera' }, { emails: [], groups: true });
  await waitFor(() => fx.outbox.get(id!)!.attempts === 1, 5000, 'first attempt');
  return id!;
}

it.each([
  ['wecom', { status: 200, body: '{"errcode":93000,"errmsg":"invalid webhook url, hint: [1712] from ip: 1.2.3.4"}' }],
  ['dingtalk', { status: 200, body: '{"errcode":310000,"errmsg":"sign not match"}' }],
  ['dingtalk', { status: 200, body: '{"errcode":460101,"errmsg":"message too long, exceed 20000 bytes"}' }],
  ['feishu', { status: 200, body: '{"code":19021,"msg":"sign match fail or timestamp is not within one hour from current time"}' }],
  ['slack', { status: 404, body: 'no_service', contentType: 'text/plain' }],
  ['slack', { status: 410, body: 'channel_is_archived', contentType: 'text/plain' }],
  ['teams', { status: 200, body: 'Microsoft Teams endpoint returned HTTP error 413 with ContextId tcid=0,server=msgapi', contentType: 'text/plain' }],
  ['teams', { status: 400, body: '{"error":{"code":"WorkflowTriggerIsNotEnabled"}}' }],
] as const)('%s answering %j is given up after one attempt, marked permanent', async (format, reply) => {
  const id = await sendOnce(format, reply);
  const entry = fx.outbox.get(id)!;
  expect(entry.status).toBe('dead');
  expect(entry.failure).toBe('permanent');
  expect(entry.lastError).toContain('permanent');
  await fx.clock.advance(3_600_000);
  await fx.dispatcher.drain();
  expect(hook.requests).toHaveLength(1);
});

it.each([
  ['wecom', { status: 200, body: '{"errcode":45009,"errmsg":"api freq out of limit"}' }],
  ['dingtalk', { status: 200, body: '{"errcode":130101,"errmsg":"send too fast, exceed 20 times per minute"}' }],
  ['feishu', { status: 200, body: '{"code":11232,"msg":"frequency limited psm"}' }],
  ['slack', { status: 500, body: 'rollup_error', contentType: 'text/plain' }],
] as const)('%s answering %j stays pending, marked temporary', async (format, reply) => {
  const id = await sendOnce(format, reply);
  expect(fx.outbox.get(id)).toMatchObject({ status: 'pending', failure: 'temporary' });
});

it('429 with Retry-After: the next attempt waits as long as the tool asked, not our 10 s', async () => {
  const id = await sendOnce('slack', { status: 429, body: 'rate_limited', contentType: 'text/plain', headers: { 'retry-after': '120' } });
  const entry = fx.outbox.get(id)!;
  expect(entry.failure).toBe('temporary');
  expect(Date.parse(entry.nextAttemptAt) - fx.clock.now().getTime()).toBe(120_000);
  hook.fallback = { status: 200, body: 'ok', contentType: 'text/plain' };
  await fx.clock.advance(60_000);
  await fx.dispatcher.drain();
  expect(hook.requests).toHaveLength(1);
  await fx.clock.advance(60_000);
  await waitFor(() => fx.outbox.get(id)!.status === 'sent', 5000, 'sent after Retry-After');
  expect(fx.outbox.get(id)!.failure).toBeNull();
});

it('a legacy Teams connector answering "1" is sent; a Workflows 202 with no body is sent', async () => {
  const id = await sendOnce('teams', { status: 200, body: '1', contentType: 'text/plain' });
  expect(fx.outbox.get(id)!.status).toBe('sent');
});

it('a webhook that redirects is not followed: the message is not posted elsewhere', async () => {
  const elsewhere = await startHttpReceiver({ status: 200, body: '{"errcode":0}' });
  try {
    const id = await sendOnce('wecom', { status: 302, body: '', headers: { location: `${elsewhere.url}/steal` } });
    expect(fx.outbox.get(id)).toMatchObject({ status: 'dead', failure: 'permanent' });
    expect(elsewhere.requests).toHaveLength(0);
  } finally {
    await elsewhere.close();
  }
});
