import { afterAll, expect, it } from 'vitest';
import { startLinkedRoomsLab, type LabRoom, type LinkedRoomsLab } from '../helpers/linked-rooms-lab.js';
import { until } from '../helpers/until.js';

let lab: LinkedRoomsLab | undefined;
afterAll(async () => lab?.close());

type View = { rooms: { name: string; host: boolean }[] };
const meetingOf = async (room: LabRoom): Promise<View | undefined> => ((await room.call('GET', '/api/v1/meetings')).body as unknown as View[])[0];

/**
 * Two rooms hold one invite. Aurora, first in line to host, goes down before the meeting comes
 * due; the roll call is made while it is away, by Hudson. Aurora comes back and is first in line
 * again — but the roll call was made, and the record of it reaches Aurora (re-sent when Aurora
 * joins) before Aurora decides: each absentee gets one nudge, not one per host.
 *
 * (A host killed in the instant between its nudges and its record of them leaving is another
 * story: the next host cannot know, and nudges again. The meeting starts 30 s out so that the
 * kill here surely comes first, even on a slow machine.)
 *
 * Not yet true on a loaded machine: about one run in three under three busy cores, Aurora
 * decides before Hudson's re-send of the roll call reaches it and nudges again (it waits a
 * fixed 3 s after joining, and hearing any record from Hudson is not hearing the re-send).
 * Until a room can tell that another's re-send is complete, this runs with ROOMCTL_FULL=1.
 */
it.runIf(process.env.ROOMCTL_FULL === '1')(
  'the host that comes back after the roll call does not nudge the absentees again',
  async () => {
    lab = await startLinkedRoomsLab({
      rooms: [
        { site: 'hq', id: 'aurora', name: 'Aurora' },
        { site: 'ny', id: 'hudson', name: 'Hudson' },
      ],
      invite: {
        uid: 'standup@example.com',
        title: 'Stand-up',
        startInMs: 30_000,
        minutes: 30,
        attendees: [
          { name: 'Ann', email: 'ann@example.com' },
          { name: 'Dan', email: 'dan@example.com' },
        ],
        agenda: ['Yesterday (5 min)', 'Today (5 min)'],
      },
    });
    const [aurora, hudson] = lab.rooms as [LabRoom, LabRoom];
    await aurora.kill();
    expect(
      lab.smtp.messages.filter((m) => /not checked in/i.test(m.data)),
      'Aurora went down before the roll call was due',
    ).toHaveLength(0);
    const nudgesTo = (email: string) => lab!.smtp.messages.filter((m) => m.to.includes(email) && /not checked in/i.test(m.data));
    // Hudson hosts when the roll call is due (or Aurora made it before it went down, on a slow machine).
    await until(() => nudgesTo('dan@example.com').length > 0, 60_000, 'the nudge to the absentee');

    await aurora.start();
    await until(async () => (await meetingOf(aurora))?.rooms.find((r) => r.name === 'Aurora')?.host === true, 30_000, 'Aurora to host again');
    await until(async () => (await meetingOf(hudson))?.rooms.find((r) => r.name === 'Aurora')?.host === true, 30_000, 'Hudson to follow Aurora');
    // The rules run every 5 s and a room listens 3 s before its roll call: time for a second nudge, if there were one.
    await new Promise((r) => setTimeout(r, 12_000));
    expect(nudgesTo('dan@example.com')).toHaveLength(1);
    expect(nudgesTo('ann@example.com')).toHaveLength(1);
  },
  180_000,
);
