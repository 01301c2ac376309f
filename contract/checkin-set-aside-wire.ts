/**
 * A room of a linked meeting whose booking moved before it began sets aside the check-ins made for
 * the start it had: they count there again only once those people check in afresh, or the booking
 * moves back. The other rooms count this room's check-ins (a person checked in here is "checked in
 * elsewhere" there, not an absentee), so the room tells them, with a `channel` record named
 * `checkin.set-aside` carrying one of these. A channel record, not a kind of its own, so that a room
 * of an earlier release — which knows no such kind and would refuse the record — stores it as a
 * record of a module it does not run and carries on as before: it goes on counting the person.
 */
import { type Static, Type } from '@sinclair/typebox';
import { LINK_BOUNDS } from './link-records.js';

/** The channel whose records are these. */
export const CHECKIN_SET_ASIDE_CHANNEL = 'checkin.set-aside';

export const CheckInSetAsideWireSchema = Type.Object({
  id: Type.String({ minLength: 1, maxLength: LINK_BOUNDS.id }),
  /** The person, as the sending room's `checkin` record names them (the opaque digest). */
  person: Type.String({ minLength: 1, maxLength: LINK_BOUNDS.id }),
  /** True: set aside, no longer counted in the sending room; false: counted there again (the booking moved back, or the person checked in afresh). */
  setAside: Type.Boolean(),
});
export type CheckInSetAsideWire = Static<typeof CheckInSetAsideWireSchema>;
