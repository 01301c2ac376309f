import { afterAll, expect, it } from 'vitest';
import { AURORA, HUDSON, startLinkedRoomsLab, type LabRoom, type LinkedRoomsLab } from '../helpers/linked-rooms-lab.js';
import { until } from '../helpers/until.js';

let lab: LinkedRoomsLab | undefined;
afterAll(async () => lab?.close());

/**
 * Two rooms hold one invite and have heard of each other; nobody starts the meeting, so no room
 * claimed the timer and the first room in `site/room` order, Aurora, stands in. Aurora goes down
 * before the meeting comes due: Hudson, the first room still online, stands in and makes the
 * roll call — the absentees get their nudge once, not never.
 *
 * (The invite starts in ten minutes, when the rooms exchange it already; once Aurora is down, it
 * is moved to start now and Hudson reads its calendar — the meeting comes due without the test
 * waiting for it.)
 */
it('when the first room is down as the meeting comes due, the next room online nudges the absentees, once', async () => {
  const invite = {
    uid: 'planning@example.com',
    title: 'Planning',
    startInMs: 10 * 60_000,
    minutes: 30,
    attendees: [
      { name: 'Ann', email: 'ann@example.com' },
      { name: 'Dan', email: 'dan@example.com' },
    ],
    agenda: ['Plans (10 min)'],
  };
  lab = await startLinkedRoomsLab({ rooms: [AURORA, HUDSON], invite });
  const [aurora, hudson] = lab.rooms as [LabRoom, LabRoom];
  await until(async () => (await hudson.meeting())?.rooms.find((r) => r.name === 'Aurora')?.host === true, 20_000, 'Hudson to see Aurora stand in');
  await aurora.kill();
  await until(async () => (await hudson.meeting())?.rooms.find((r) => r.name === 'Hudson')?.host === true, 15_000, 'Hudson to stand in for Aurora');
  expect(
    lab.smtp.messages.filter((m) => /not checked in/i.test(m.data)),
    'Aurora went down before the roll call was due',
  ).toHaveLength(0);

  lab.putInvite({ ...invite, startInMs: 0 });
  await hudson.readCalendar();

  const nudgesTo = (email: string) => lab!.smtp.messages.filter((m) => m.to.includes(email) && /not checked in/i.test(m.data));
  await until(() => nudgesTo('dan@example.com').length > 0 && nudgesTo('ann@example.com').length > 0, 60_000, 'the nudges to the absentees');
  // Hudson marked the roll call as made in the same run of its rules that queued the nudges: all of them are in its outbox.
  expect(hudson.read("SELECT recipients FROM notify_outbox WHERE kind = 'nudge'")).toHaveLength(2);
  expect([...nudgesTo('dan@example.com'), ...nudgesTo('ann@example.com')].map((m) => m.from)).toEqual(['hudson@example.com', 'hudson@example.com']);
}, 180_000);
