import { afterEach, expect, it } from 'vitest';
import { waitFor } from '../../tests/helpers/test-room.js';
import { startSmtpRecorder, type SmtpRecorder } from './testing/smtp-recorder.js';
import { notifyFixture, type NotifyFixture } from './testing/notify-fixture.js';

let smtp: SmtpRecorder;
let fx: NotifyFixture;
afterEach(async () => {
  await fx.close();
  await smtp.close();
});

it('an email goes from the outbox to a real SMTP server, with its attachments, and is marked sent', async () => {
  smtp = await startSmtpRecorder();
  fx = notifyFixture({ email: { host: '127.0.0.1', port: smtp.port, from: 'Aurora room <aurora@example.com>' } });
  const [id] = fx.notifier.notify(
    {
      kind: 'minutes',
      title: 'Minutes: Budget review',
      text: 'Decisions\n- Approve the Q2 budget',
      meetingId: 'm-1',
      attachments: [{ filename: 'minutes.md', content: '# Budget review\n', contentType: 'text/markdown' }],
    },
    { emails: ['alice@example.com', 'bob@example.com'], groups: false },
  );
  await waitFor(() => smtp.messages.length === 1, 8000, 'the email');
  const mail = smtp.messages[0]!;
  expect(mail.from).toBe('aurora@example.com');
  expect(mail.to).toEqual(['alice@example.com', 'bob@example.com']);
  expect(mail.data).toMatch(/^Subject: Minutes: Budget review$/m);
  expect(mail.data).toContain('Approve the Q2 budget');
  expect(mail.data).toMatch(/filename=minutes\.md/);
  await waitFor(() => fx.outbox.get(id!)?.status === 'sent', 3000, 'sent mark');
  expect(fx.outbox.get(id!)).toMatchObject({ attempts: 1, lastError: null });
});
