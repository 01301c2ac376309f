import { afterEach, expect, it } from 'vitest';
import { waitFor } from '../../tests/helpers/test-room.js';
import { freePort } from './testing/http-receiver.js';
import { notifyFixture, type NotifyFixture } from './testing/notify-fixture.js';
import { startSmtpRecorder, type SmtpRecorder } from './testing/smtp-recorder.js';

let smtp: SmtpRecorder | undefined;
let fx: NotifyFixture;
afterEach(async () => {
  await fx.close();
  await smtp?.close();
});

it('a mail server that is down costs nothing now; the outbox retries with backoff until it is up', async () => {
  const port = await freePort();
  fx = notifyFixture({
    email: { host: '127.0.0.1', port, from: 'aurora@example.com', timeoutMs: 2000 },
    retry: { firstDelaySeconds: 30, maxDelaySeconds: 600 },
  });

  const began = performance.now();
  const [id] = fx.notifier.notify({ kind: 'reminder', title: 'Stand-up in 15 min', text: 'Room Aurora' }, { emails: ['bob@example.com'], groups: false });
  // notify() only writes the outbox: it returns before any connection is tried.
  expect(performance.now() - began).toBeLessThan(1000);
  expect(fx.outbox.get(id!)!.status).toBe('pending');

  await waitFor(() => fx.outbox.get(id!)!.attempts === 1, 8000, 'first failed attempt');
  const first = fx.outbox.get(id!)!;
  expect(first).toMatchObject({ status: 'pending', lastError: expect.stringContaining('ROOMCTL_E_NOTIFY_FAILED') });
  expect(first.nextAttemptAt).toBe('2026-04-01T08:00:30.000Z');

  // Second attempt after 30 s fails too; the next one waits 60 s.
  await fx.clock.advance(30_000);
  await waitFor(() => fx.outbox.get(id!)!.attempts === 2, 8000, 'second failed attempt');
  expect(fx.outbox.get(id!)!.nextAttemptAt).toBe('2026-04-01T08:01:30.000Z');

  // The server comes back; nothing goes before the backoff is over, then the mail does.
  smtp = await startSmtpRecorder(port);
  await fx.clock.advance(50_000);
  expect(smtp.messages).toHaveLength(0);
  await fx.clock.advance(10_000);
  await waitFor(() => smtp!.messages.length === 1, 8000, 'the retried email');
  expect(smtp.messages[0]!.to).toEqual(['bob@example.com']);
  await waitFor(() => fx.outbox.get(id!)!.status === 'sent', 3000, 'sent mark');
  expect(fx.outbox.get(id!)!.attempts).toBe(3);
});
