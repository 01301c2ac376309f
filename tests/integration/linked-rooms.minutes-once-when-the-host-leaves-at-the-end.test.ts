import { afterAll, expect, it } from 'vitest';
import { AURORA, HUDSON, startLinkedRoomsLab, type LabRoom, type LinkedRoomsLab } from '../helpers/linked-rooms-lab.js';
import { until } from '../helpers/until.js';

let lab: LinkedRoomsLab | undefined;
afterAll(async () => lab?.close());

/**
 * Two rooms hold one invite; Aurora starts the meeting, so it hosts. Aurora ends it and sends
 * the minutes, then goes down (kill -9): Hudson, next in line, keeps the meeting from then on —
 * but the minutes went out, and Aurora recorded so on the link before they left, so Hudson does
 * not send them again. Aurora comes back and follows Hudson; it does not send them again either.
 * Everyone gets the minutes once.
 */
it('the minutes go out once when the host leaves right after the end and comes back', async () => {
  lab = await startLinkedRoomsLab({
    rooms: [AURORA, HUDSON],
    invite: {
      uid: 'retro@example.com',
      title: 'Retro',
      startInMs: 20_000,
      minutes: 30,
      attendees: [{ name: 'Ann', email: 'ann@example.com' }],
      agenda: ['What went well (5 min)', 'What to change (5 min)'],
    },
  });
  const [aurora, hudson] = lab.rooms as [LabRoom, LabRoom];
  const id = await lab.meetingSeenByEveryRoom();

  expect((await aurora.call('POST', `/api/v1/meetings/${id(aurora)}/checkins`, { email: 'ann@example.com' })).status).toBeLessThan(300);
  expect((await aurora.call('POST', `/api/v1/meetings/${id(aurora)}/start`)).status).toBeLessThan(300);
  await until(async () => (await hudson.meeting())?.status === 'in_progress' && (await hudson.hostName()) === 'Aurora', 15_000, 'Hudson to follow Aurora');

  const minutesTo = (email: string) => lab!.smtp.messages.filter((m) => m.to.includes(email) && /Subject: .*Minutes/.test(m.data));
  expect((await aurora.call('POST', `/api/v1/meetings/${id(aurora)}/end`)).status).toBeLessThan(300);
  // Every mail of them out (the attendees', and the organiser's own with a personal link) before Aurora goes down.
  await until(() => minutesTo('ann@example.com').length > 0 && minutesTo('olga@example.com').length > 0, 15_000, 'the minutes from Aurora');
  await until(async () => (await hudson.meeting())?.status === 'ended', 15_000, 'Hudson to end with Aurora');
  const sentByAurora = aurora.read<{ n: number }>("SELECT count(*) AS n FROM notify_outbox WHERE kind = 'minutes'")[0]!.n;

  // Hudson has Aurora's record that the minutes went out before Aurora goes down.
  await until(
    () => hudson.read(`SELECT 1 FROM linked_records WHERE kind = 'channel' AND record LIKE '%"channel":"minutes"%'`).length > 0,
    15_000,
    "Aurora's record of the minutes to reach Hudson",
  );

  await aurora.kill();
  await until(async () => (await hudson.hostName()) === 'Hudson', 15_000, 'Hudson to take over from Aurora');
  // Hudson's rules look at its held minutes on every run (they assemble them afresh): once they did after the take-over,
  // they decided — had they sent the minutes, the mail would be in Hudson's outbox now.
  const tookOver = new Date().toISOString();
  const assembledAt = () => hudson.read<{ at: string }>('SELECT assembled_at AS at FROM minutes WHERE meeting_id = ?', id(hudson))[0]?.at ?? '';
  await until(() => assembledAt() > tookOver, 30_000, 'Hudson, hosting, to look at the minutes');
  expect(hudson.read("SELECT id FROM notify_outbox WHERE kind = 'minutes'")).toEqual([]);

  await aurora.start();
  await until(async () => (await aurora.meeting())?.rooms.find((r) => r.name === 'Hudson')?.host === true, 30_000, 'Aurora, back, to follow Hudson');
  const backAt = new Date().toISOString();
  await until(() => assembledAt() > backAt, 30_000, 'Hudson to look at the minutes again with Aurora back');
  expect(hudson.read("SELECT id FROM notify_outbox WHERE kind = 'minutes'")).toEqual([]);
  expect(aurora.read<{ n: number }>("SELECT count(*) AS n FROM notify_outbox WHERE kind = 'minutes'")[0]!.n).toBe(sentByAurora);
  // "Send the minutes now" in a room that did not send them is told why, with a code: the host sent them.
  const again = await hudson.call('POST', `/api/v1/meetings/${id(hudson)}/minutes/send`);
  expect(again.status).toBe(409);
  expect((again.body as { code?: string }).code).toBe('ROOMCTL_E_MINUTES_SENT');
  expect(hudson.read("SELECT id FROM notify_outbox WHERE kind = 'minutes'")).toEqual([]);
  expect(minutesTo('ann@example.com').map((m) => m.from)).toEqual(['aurora@example.com']);
  expect(minutesTo('olga@example.com')).toHaveLength(1);
}, 180_000);
