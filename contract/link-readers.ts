/**
 * The reading end of the link between rooms: a record or an invitation from the broker, checked
 * against its compiled schema and against the topic that carried it, or a coded error saying why
 * not. A malformed record is dropped, never half-applied.
 */
import type { RoomKey } from './link-records.js';
import { type LinkInvitation, LinkInvitationSchema, type LinkRecord, LinkRecordSchema } from './link-records.js';
import { CONVERSATION_CHANNEL, ConversationWireSchema } from './conversation-wire.js';
import { ROOM_RELEASED_CHANNEL, RoomReleasedWireSchema } from './room-release-wire.js';
import { CHECKIN_SET_ASIDE_CHANNEL, CheckInSetAsideWireSchema } from './checkin-set-aside-wire.js';
import { type Checked, compileReader } from './validate.js';

const records = compileReader('linked-room record', LinkRecordSchema);
const conversation = compileReader('linked-room conversation record', ConversationWireSchema);
const invitations = compileReader('linked-room invitation', LinkInvitationSchema);
const releases = compileReader('linked-room release', RoomReleasedWireSchema);
const setAsides = compileReader('linked-room check-in set aside', CheckInSetAsideWireSchema);

const refused = <T>(message: string): Checked<T> => ({ ok: false, error: { code: 'ROOMCTL_E_MQTT_PAYLOAD', message } });

/**
 * A record from the broker: it must come from the room whose topic carried it (the broker lets a
 * room write only its own topics, so `room` cannot be another's) and be about the meeting the
 * topic names.
 */
export function readRecord(payload: Buffer, sender: RoomKey, link: string): Checked<LinkRecord> {
  const read = records.payload(payload);
  if (!read.ok) return read;
  if (read.value.room !== sender) return refused(`linked-room record: claims room ${read.value.room} on ${sender}'s topic`);
  if (read.value.link !== link) return refused('linked-room record: names another meeting than its topic');
  if (read.value.kind === 'channel' && read.value.channel === CONVERSATION_CHANNEL) {
    // The floor and polls: checked as the room's API checks them, and made where the record says it was.
    const inner = conversation.check(read.value.record);
    if (!inner.ok) return inner;
    if (inner.value.room !== sender) return refused(`linked-room conversation record: claims room ${inner.value.room} on ${sender}'s topic`);
  }
  if (read.value.kind === 'channel' && read.value.channel === ROOM_RELEASED_CHANNEL) {
    const inner = releases.check(read.value.record);
    if (!inner.ok) return inner;
  }
  if (read.value.kind === 'channel' && read.value.channel === CHECKIN_SET_ASIDE_CHANNEL) {
    const inner = setAsides.check(read.value.record);
    if (!inner.ok) return inner;
  }
  return read;
}

/** An invitation addressed to this room, from the room whose topic carried it. */
export function readInvitation(payload: Buffer, sender: RoomKey): Checked<LinkInvitation> {
  const read = invitations.payload(payload);
  if (!read.ok) return read;
  if (read.value.room !== sender) return refused(`linked-room invitation: from ${read.value.room} on ${sender}'s topic`);
  return read;
}
