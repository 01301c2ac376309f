import { afterEach, expect, it } from 'vitest';
import { waitFor } from '../../tests/helpers/test-room.js';
import { startHttpReceiver, type HttpReceiver } from './testing/http-receiver.js';
import { notifyFixture, type NotifyFixture } from './testing/notify-fixture.js';

let hook: HttpReceiver;
let fx: NotifyFixture;
afterEach(async () => {
  await fx.close();
  await hook.close();
});

it('a webhook answering 503 is retried from the outbox until it takes the message; dead after maxAttempts, retried on demand', async () => {
  hook = await startHttpReceiver({ status: 503, body: 'down', contentType: 'text/plain' });
  fx = notifyFixture({ webhooks: [{ id: 'ops-wecom', format: 'wecom', url: `${hook.url}/send?key=k` }], retry: { firstDelaySeconds: 10, maxAttempts: 3 } });
  const [id] = fx.notifier.notify({ kind: 'problem', title: 'Problem reported', text: 'camera' }, { emails: [], groups: true });
  await waitFor(() => fx.outbox.get(id!)!.attempts === 1, 5000, 'first attempt');
  await fx.clock.advance(10_000);
  await waitFor(() => fx.outbox.get(id!)!.attempts === 2, 5000, 'second attempt');
  await fx.clock.advance(20_000);
  await waitFor(() => fx.outbox.get(id!)!.status === 'dead', 5000, 'given up');
  expect(hook.requests).toHaveLength(3);
  expect(fx.outbox.get(id!)!.lastError).toContain('HTTP 503');

  hook.fallback = { status: 200, body: '{"errcode":0,"errmsg":"ok"}' };
  expect(fx.outbox.retry(id!, fx.clock.now())).toBe(true);
  await fx.dispatcher.drain();
  expect(fx.outbox.get(id!)!.status).toBe('sent');
  expect(hook.requests.at(-1)!.json).toEqual({ msgtype: 'markdown', markdown: { content: '**Problem reported**\ncamera' } });
});
