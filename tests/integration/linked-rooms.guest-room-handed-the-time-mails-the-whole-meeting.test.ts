import { afterAll, expect, it } from 'vitest';
import type { MeetingView } from '../../appliance/api/api-types.js';
import { startSmtpRecorder, type SmtpRecorder } from '../../appliance/notify/testing/smtp-recorder.js';
import { startAuroraAndARoomItLinks, type AuroraAndARoomItLinks } from '../helpers/aurora-and-a-room-it-links.js';
import { type TelemetryRoom, callRoom as call } from '../helpers/telemetry-room.js';
import { until } from '../helpers/until.js';

let smtp: SmtpRecorder | undefined;
let lab: AuroraAndARoomItLinks | undefined;
afterAll(async () => {
  await lab?.close();
  await smtp?.close();
});

const meetingIn = async (room: TelemetryRoom) => ((await call(room, 'GET', '/api/v1/meetings')).body as unknown as MeetingView[])[0]!;
const hostOf = async (room: TelemetryRoom) => (await meetingIn(room)).rooms.find((r) => r.host)?.name;

/**
 * Two rooms on one Mosquitto with the ACL provisioning writes, each mailing through a real SMTP
 * receiver. Aurora books a meeting with Alice (organiser), Bob and Carol and links Hudson (another
 * site, which holds none of them in its calendar: it books the meeting from Aurora's invitation).
 * The meeting starts; Aurora's appliance stops, and Hudson keeps the time. Hudson ends the meeting
 * and mails the minutes to Alice, Bob and Carol, as Aurora would have.
 */
it('the room an invitation brought in, keeping the time once the host left, mails the minutes to the whole meeting', async () => {
  smtp = await startSmtpRecorder();
  lab = await startAuroraAndARoomItLinks({ site: 'ny', id: 'hudson', name: 'Hudson' }, [], {
    notifications: { email: { host: '127.0.0.1', port: smtp.port, from: 'room@example.com' } },
    meetings: { minutesReviewMinutes: 0 },
  });
  const { aurora, linked: hudson } = lab;
  const booked = await call(aurora, 'POST', '/api/v1/bookings', {
    minutes: 60,
    title: 'Board',
    organiser: { name: 'Alice', email: 'alice@example.com' },
    attendees: [
      { name: 'Bob', email: 'bob@example.com', required: false },
      { name: 'Carol', email: 'carol@example.com', required: false },
    ],
  });
  expect((await call(aurora, 'POST', `/api/v1/meetings/${booked.body.id}/links`, { rooms: ['ny/hudson'] })).status).toBe(200);
  expect((await call(aurora, 'POST', `/api/v1/meetings/${booked.body.id}/start`)).status).toBeLessThan(300);
  await until(async () => (await meetingIn(hudson))?.status === 'in_progress' && (await hostOf(hudson)) === 'Aurora', 15_000, 'Hudson to follow Aurora');

  await aurora.stopAppliance();
  await until(async () => (await hostOf(hudson)) === 'Hudson', 15_000, 'Hudson to keep the time');
  const inHudson = (await meetingIn(hudson)).id;
  expect((await call(hudson, 'POST', `/api/v1/meetings/${inHudson}/end`)).status).toBeLessThan(300);

  // Once Hudson has recorded its minutes sent, what it mailed is in its outbox; the receiver has it once delivered.
  const sent = () => hudson.appliance.db.prepare('SELECT sent_at FROM minutes WHERE meeting_id = ?').pluck().get(inHudson);
  await until(() => !!sent(), 30_000, 'Hudson to send the minutes');
  const queued = hudson.appliance.db.prepare("SELECT COUNT(*) FROM notify_outbox WHERE kind = 'minutes' AND channel = 'email'").pluck().get() as number;
  const minutes = () => smtp!.messages.filter((m) => /Subject: .*Minutes/.test(m.data));
  await until(() => minutes().length >= queued, 30_000, 'the minutes mail to arrive');
  expect(
    minutes()
      .flatMap((m) => m.to)
      .sort(),
  ).toEqual(['alice@example.com', 'bob@example.com', 'carol@example.com']);
}, 120_000);
