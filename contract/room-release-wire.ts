/**
 * A room of a linked meeting that released its booking tells the other rooms it left: a
 * `channel` record named `room.released` carries one of these. A channel record, not a kind of
 * its own, so that rooms of an earlier release — which know no such kind and would refuse the
 * record — take it as a record of a module they do not run, and carry on as before. Every room
 * keeps its own booking and check-in: a release says only that this room is no longer there.
 */
import { type Static, Type } from '@sinclair/typebox';
import { LINK_BOUNDS } from './link-records.js';

/** The channel whose records are these. */
export const ROOM_RELEASED_CHANNEL = 'room.released';

export const RoomReleasedWireSchema = Type.Object({
  id: Type.String({ minLength: 1, maxLength: LINK_BOUNDS.id }),
  /**
   * How the sending room's booking was released (the meeting's `releasedBy` there): nobody checked
   * in, freed by hand once check-in had opened, or cancelled ahead of time. Null: the room's booking
   * was booked again (its invite moved after a cancellation ahead of time) — it is back in.
   */
  releasedBy: Type.Union([Type.Literal('no-check-in'), Type.Literal('by-hand'), Type.Literal('ahead-of-time'), Type.Null()]),
});
export type RoomReleasedWire = Static<typeof RoomReleasedWireSchema>;
