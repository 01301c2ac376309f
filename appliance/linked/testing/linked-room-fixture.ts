import type { LinkRecord } from '../../../contract/link-records.js';
import { roomFixture, type RoomFixture } from '../../meetings/testing/room-fixture.js';
import { TelemetryOutbox } from '../../telemetry/outbox.js';
import { LinkStore } from '../link-store.js';
import { LinkedRooms } from '../linked-rooms.js';

export interface LinkedRoomFixture {
  fx: RoomFixture;
  ctx: RoomFixture['room']['ctx'];
  rooms: LinkedRooms;
  /** The records the room put on its way to the broker since the last call (the first call: all of them). */
  sent(): LinkRecord[];
}

/**
 * Linked rooms in one process, each a meeting fixture of its own (database, clock) with its link
 * layer wired as the appliance wires it, minus the broker: a room's records go into its own
 * telemetry outbox (read back with `sent()`), and a test hands them to the others' `rooms.receive`.
 */
export function linkedRoomFixtures() {
  const fixtures: RoomFixture[] = [];
  return {
    room(self: string, name: string): LinkedRoomFixture {
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
        accepts: () => true,
      });
      ctx.linked = rooms;
      let read = 0;
      const sent = (): LinkRecord[] => {
        outbox.flush();
        const rows = outbox.after(read, 10_000);
        read = rows.at(-1)?.seq ?? read;
        return rows.map((m) => JSON.parse(m.payload.toString()) as LinkRecord);
      };
      return { fx, ctx, rooms, sent };
    },
    async close(): Promise<void> {
      for (const fx of fixtures.splice(0)) await fx.close();
    },
  };
}
