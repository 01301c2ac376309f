import { randomUUID } from 'node:crypto';
import { afterEach, expect, it, vi } from 'vitest';
import type { LinkChange, LinkRecord } from '../../contract/link-records.js';
import type { RoomFixture } from '../meetings/testing/room-fixture.js';
import { auroraAndHudsonHoldTheInvite } from '../../tests/helpers/two-sites-one-invite.js';

const fixtures: RoomFixture[] = [];
afterEach(async () => {
  vi.restoreAllMocks();
  for (const fx of fixtures.splice(0)) await fx.close();
});

/** A room of the broker that holds no part in the meeting (another site, in no room's acceptFrom), whose login was stolen. */
const THIEF = 'sz/thief';

/**
 * Aurora and Hudson (two sites) hold the same invite and run it as one meeting; Aurora hosts.
 * A thief with the login of a room of a third site reads Aurora's records on the broker (every
 * room may read every room's records), so it knows the link, and even Aurora's proof that it
 * holds the invite. It joins the link and tries one thing. Neither room stores or shows any of
 * it; each counts both records refused, and logs one line for them.
 */
async function aMeetingTheThiefReadTheLinkOf() {
  const { aurora, hudson, inAurora, inHudson, auroraStarts } = auroraAndHudsonHoldTheInvite(fixtures, {
    minutes: 60,
    title: 'Quarterly review',
    agenda: [{ title: 'Budget', minutes: 20 }],
  });
  const fromAurora = await auroraStarts();
  // What the thief read: the link, and Aurora's proof.
  const heard = fromAurora[0]!;
  expect(heard.proof).toMatch(/^[0-9a-f]{128}$/);
  const seen = () =>
    (
      [
        [aurora, inAurora],
        [hudson, inHudson],
      ] as const
    ).map(([room, id]) => ({
      rooms: room.rooms.rooms(id).map((r) => ({ room: `${r.site}/${r.room}`, host: r.host, present: r.present })),
      agenda: room.ctx.agenda.list(id).map((i) => i.title),
      status: room.ctx.meetings.get(id)?.status,
      minutes: room.ctx.minutes.entries(id).length,
    }));
  const later = new Date(aurora.ctx.clock.now().getTime() + 60_000).toISOString();
  const fromThief = (change: LinkChange, proof?: string) => ({ id: randomUUID(), link: heard.link, room: THIEF, at: later, ...change, proof }) as LinkRecord;
  const items = aurora.ctx.agenda.list(inAurora).map((i) => ({ title: i.title, minutes: i.minutes, startedAt: i.startedAt, endedAt: i.endedAt }));
  return { aurora, hudson, heard, seen, later, fromThief, items };
}

type Scene = Awaited<ReturnType<typeof aMeetingTheThiefReadTheLinkOf>>;
const ATTACKS: [string, (scene: Scene) => LinkRecord][] = [
  ['takes the timer', ({ fromThief }) => fromThief({ kind: 'host.set', host: THIEF, reason: 'handover' })],
  [
    "takes the timer under Aurora's proof, as if Aurora had died",
    ({ fromThief, heard }) => fromThief({ kind: 'host.set', host: THIEF, reason: 'failover' }, heard.proof),
  ],
  ['says it made the roll call (so no room nudges the absentees)', ({ fromThief }) => fromThief({ kind: 'channel', channel: 'rollcall', record: {} })],
  ['says it sent the minutes (so no room sends them)', ({ fromThief }) => fromThief({ kind: 'channel', channel: 'minutes', record: {} })],
  [
    'adds an agenda item and ends the meeting',
    ({ fromThief, items, later }) =>
      fromThief({
        kind: 'agenda.clock',
        status: 'ended',
        items: [...items, { title: 'Wire the budget abroad', minutes: 5, startedAt: null, endedAt: null }],
        itemsAt: later,
        itemsBy: THIEF,
      }),
  ],
  ['checks someone in', ({ fromThief }) => fromThief({ kind: 'checkin', person: 'f00d', name: 'Mallory' })],
  [
    'writes a decision into the minutes',
    ({ fromThief }) => fromThief({ kind: 'minutes.entry', entryId: 'thief-1', entryKind: 'decision', text: 'The budget goes to Mallory', author: 'Mallory' }),
  ],
];

it.each(ATTACKS)(
  'a room that read the link on the broker but holds no part in the meeting joins it and %s: nothing changes in its rooms',
  async (_what, attack) => {
    const scene = await aMeetingTheThiefReadTheLinkOf();
    const { aurora, hudson, heard, seen, fromThief } = scene;
    const before = seen();
    expect(before[1]!.rooms).toEqual([
      { room: 'hq/aurora', host: true, present: 0 },
      { room: 'ny/hudson', host: false, present: 0 },
    ]);
    expect(before[1]!.status).toBe('in_progress');

    const records = [fromThief({ kind: 'room.joined', name: 'Aurora (spare)' }), attack(scene)];
    const warnings = [vi.spyOn(aurora.ctx.log, 'warn'), vi.spyOn(hudson.ctx.log, 'warn')];
    for (const r of records) {
      aurora.rooms.receive(r);
      hudson.rooms.receive(r);
    }
    aurora.rooms.sync();
    hudson.rooms.sync();

    expect(seen()).toEqual(before);
    for (const room of [aurora, hudson]) {
      // Nothing stored: no fold of the meeting (who hosts, whether the roll call or the minutes were done, who came) counts it.
      expect(room.ctx.db.prepare('SELECT COUNT(*) FROM linked_records WHERE room = ?').pluck().get(THIEF)).toBe(0);
      expect(room.rooms.refused).toBe(records.length);
    }
    for (const warn of warnings) {
      const refusals = warn.mock.calls.filter(([fields]) => (fields as { code?: string }).code === 'ROOMCTL_E_LINK_NOT_MEMBER');
      expect(refusals).toEqual([[expect.objectContaining({ from: THIEF, link: heard.link, kind: 'room.joined', alsoRefused: 0 }), expect.any(String)]]);
    }
  },
);
