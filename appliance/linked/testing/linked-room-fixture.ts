import { book } from '../../meetings/meeting-lifecycle.js';
import { roomFixture, type RoomFixture } from '../../meetings/testing/room-fixture.js';
import { TelemetryOutbox } from '../../telemetry/outbox.js';
import type { NotificationsConfig } from '../../notify/notify-config.js';
import type { LinkInvitation, LinkRecord } from '../../../contract/link-records.js';
import { senderOf } from '../../../contract/link-topics.js';
import { invitationPolicy, withoutProofPolicy } from '../invitation-policy.js';
import { LinkStore } from '../link-store.js';
import { LinkedRooms } from '../linked-rooms.js';

/**
 * A linked room over a meeting fixture, in this process, sending into its own telemetry outbox
 * (what it would put on the broker): a test hands `sent()` records to another room's
 * `rooms.receive`, in the order (and as often) it likes. The fixture goes into `fixtures`, for
 * the test to close. `acceptFrom` and `withoutProof` are its `meetings.links` (by default: its own
 * site's invitations taken, no room heard without proof).
 */
export function linkedRoomFixture(self: string, name: string, fixtures: RoomFixture[], options: LinkedRoomOptions = {}) {
  const fx = roomFixture({ start: '2026-04-01T08:00:00.000Z', ...(options.notifications ? { notifications: options.notifications } : {}) });
  const ctx = fx.room.ctx;
  const outbox = new TelemetryOutbox(ctx.db, { maxMessages: 10_000, maxAgeMs: 3_600_000 });
  const rooms = new LinkedRooms({
    self,
    roomName: name,
    ctx,
    store: new LinkStore(ctx.db),
    devices: { list: () => [] },
    sender: outbox,
    log: ctx.log,
    // Listening from the start unless the test says when the broker confirms a subscription: records are handed over by hand.
    subscribe: options.subscribe ?? (() => true),
    accepts: invitationPolicy(self, options.acceptFrom),
    heardWithoutProof: withoutProofPolicy(options.withoutProof),
    noteStorageFailure: options.noteStorageFailure,
  });
  ctx.linked = rooms;
  // Closed as the room is: its re-sends stopped before its database closes (a join's re-send waits 500 ms).
  fixtures.push({
    ...fx,
    async close() {
      rooms.stop();
      await fx.close();
    },
  });
  let read = 0;
  const records: LinkRecord[] = [];
  const invitations: { to: string; invitation: LinkInvitation }[] = [];
  const readOutbox = () => {
    outbox.flush();
    const rows = outbox.after(read, 10_000);
    read = rows.at(-1)?.seq ?? read;
    for (const row of rows) {
      const to = senderOf(row.topic)?.rest;
      if (to?.[0] === 'links') invitations.push({ to: `${to[1]}/${to[2]}`, invitation: JSON.parse(row.payload.toString()) as LinkInvitation });
      else records.push(JSON.parse(row.payload.toString()) as LinkRecord);
    }
  };
  /** The records this room sent since the last call. */
  const sent = (): LinkRecord[] => {
    readOutbox();
    return records.splice(0);
  };
  /** The invitations this room sent since the last call, each with the room it is addressed to. */
  const invitationsSent = () => {
    readOutbox();
    return invitations.splice(0);
  };
  return { fx, ctx, rooms, sent, invitationsSent };
}

/** A linked room's `meetings.links`, its link connection's subscriptions (whether the broker confirmed each; by default at once), and its storage status. */
interface LinkedRoomOptions {
  acceptFrom?: string[];
  withoutProof?: string[];
  subscribe?: (topic: string) => boolean;
  /** Told of each write the room's database refused (the room's storage status). */
  noteStorageFailure?: (err: unknown) => void;
  /** Where the room's mail goes (none by default: the rules queue no mail). */
  notifications?: NotificationsConfig;
}

type LinkedRoom = ReturnType<typeof linkedRoomFixture>;

/** The invite the rooms of these fixtures hold in their calendars: its occurrence key. */
const SHARED_INVITE = 'across@example.com';

/** A linked room whose calendar holds the shared invite (the booking, under the invite's occurrence key); its meeting's id. */
export function holdingTheInvite(
  fixtures: RoomFixture[],
  booking: Parameters<typeof book>[1],
  [self, name]: [string, string],
  options: LinkedRoomOptions = {},
): LinkedRoom & { meeting: string } {
  const room = linkedRoomFixture(self, name, fixtures, options);
  const m = book(room.ctx, booking);
  room.ctx.db.prepare('UPDATE meetings SET occurrence_key = ? WHERE id = ?').run(SHARED_INVITE, m.id);
  return { ...room, meeting: m.id };
}

/**
 * Two linked rooms with the same invite in both calendars (the same occurrence key, the same
 * booking; `options` for both, or one each). `exchange` has both rooms send what they have and hands each the other's records,
 * put in the order (and as often) `order` says; `aSecondLater` moves both rooms' clocks on, so the
 * next edit is the later one in every room.
 */
export function sameInviteInTwoRooms(
  fixtures: RoomFixture[],
  booking: Parameters<typeof book>[1],
  names: [[string, string], [string, string]] = [
    ['hq/aurora', 'Aurora'],
    ['sz/lotus', 'Shenzhen'],
  ],
  options: LinkedRoomOptions | [LinkedRoomOptions, LinkedRoomOptions] = {},
) {
  const held = names.map((name, n) => holdingTheInvite(fixtures, booking, name, Array.isArray(options) ? options[n] : options));
  const rooms: [LinkedRoom, LinkedRoom] = [held[0]!, held[1]!];
  const meetings: [string, string] = [held[0]!.meeting, held[1]!.meeting];
  const exchange = (order: (records: LinkRecord[]) => LinkRecord[] = (records) => records) => {
    for (const r of rooms) r.rooms.sync();
    const [fromA, fromB] = rooms.map((r) => r.sent());
    for (const record of order(fromB!)) rooms[0].rooms.receive(record);
    for (const record of order(fromA!)) rooms[1].rooms.receive(record);
  };
  const aSecondLater = () => Promise.all(rooms.map((r) => r.fx.advance(1000)));
  return { rooms, meetings, exchange, aSecondLater };
}
