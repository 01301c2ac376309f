import { afterAll, beforeAll, expect, it } from 'vitest';
import { AURORA, HUDSON, startLinkedRoomsLab, type LabRoom, type LinkedRoomsLab } from '../helpers/linked-rooms-lab.js';
import { until } from '../helpers/until.js';

/** Due in five minutes: check-in is open (from 10 minutes before), and the rooms exchange the meeting. */
const REVIEW = {
  uid: 'moved-review@example.com',
  title: 'Moved review',
  startInMs: 5 * 60_000,
  minutes: 30,
  attendees: [
    { name: 'Ann', email: 'ann@example.com' },
    { name: 'Bob', email: 'bob@example.com' },
  ],
  agenda: [],
};
/**
 * Moved 13 minutes on: its check-in window (10 minutes) opens after Ann checked in, so her
 * check-in is set aside; within 15 minutes of its start, the meeting is still on the link.
 */
const MOVED = { ...REVIEW, startInMs: 13 * 60_000 };

let lab: LinkedRoomsLab | undefined;
beforeAll(async () => {
  lab = await startLinkedRoomsLab({ rooms: [AURORA, HUDSON], invite: REVIEW });
}, 90_000);
afterAll(async () => lab?.close());

/** How many people `room` counts as checked in at `at`, in its view of the meeting. */
const presentAt = async (room: LabRoom, at: LabRoom) => (await room.meeting())?.rooms.find((r) => r.name === at.name)?.present;

/**
 * Aurora and Hudson hold the same invite. Ann checks in at Aurora; Hudson counts her there. The
 * invite moves before the start, past the check-in she made: Aurora sets her check-in aside and
 * tells Hudson (only Aurora reads its calendar again, as a room whose feed refreshes first), which
 * no longer counts her at Aurora. Moved back, her check-in counts again, in both rooms.
 */
it('a check-in a room set aside when its booking moved is no longer counted in the other rooms, and counts again when it moves back', async () => {
  if (!lab) throw new Error('the lab did not start');
  const [aurora, hudson] = lab.rooms as [LabRoom, LabRoom];
  const id = await lab.meetingSeenByEveryRoom();
  expect((await aurora.call('POST', `/api/v1/meetings/${id(aurora)}/checkins`, { email: 'ann@example.com' })).status).toBeLessThan(300);
  await until(async () => (await presentAt(hudson, aurora)) === 1, 20_000, 'Hudson to count Ann at Aurora');

  lab.putInvite(MOVED);
  await aurora.readCalendar();
  expect(await presentAt(aurora, aurora)).toBe(0);
  await until(async () => (await presentAt(hudson, aurora)) === 0, 20_000, "Hudson to stop counting Ann's set-aside check-in at Aurora");

  lab.putInvite(REVIEW);
  await aurora.readCalendar();
  expect(await presentAt(aurora, aurora)).toBe(1);
  await until(async () => (await presentAt(hudson, aurora)) === 1, 20_000, 'Hudson to count Ann at Aurora again');
}, 120_000);
