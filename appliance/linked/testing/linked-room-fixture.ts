import { roomFixture, type RoomFixture } from '../../meetings/testing/room-fixture.js';
import { TelemetryOutbox } from '../../telemetry/outbox.js';
import type { LinkRecord } from '../../../contract/link-records.js';
import { LinkStore } from '../link-store.js';
import { LinkedRooms } from '../linked-rooms.js';

/**
 * A linked room over a meeting fixture, in this process, sending into its own telemetry outbox
 * (what it would put on the broker): a test hands `sent()` records to another room's
 * `rooms.receive`, in the order (and as often) it likes. The fixture goes into `fixtures`, for
 * the test to close.
 */
export function linkedRoomFixture(self: string, name: string, fixtures: RoomFixture[], options: { accepts?: (from: string) => boolean } = {}) {
  const fx = roomFixture({ start: '2026-04-01T08:00:00.000Z' });
  fixtures.push(fx);
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
    subscribe: () => undefined,
    accepts: options.accepts ?? (() => true),
  });
  ctx.linked = rooms;
  let read = 0;
  /** The records this room sent since the last call. */
  const sent = (): LinkRecord[] => {
    outbox.flush();
    const rows = outbox.after(read, 10_000);
    read = rows.at(-1)?.seq ?? read;
    return rows.map((m) => JSON.parse(m.payload.toString()) as LinkRecord);
  };
  return { fx, ctx, rooms, sent };
}
