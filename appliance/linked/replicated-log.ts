import type { Meeting } from '../meetings/meeting-types.js';
import type { LinkedRooms } from './linked-rooms.js';

/** A record another module keeps in a log of its own: a global id, and the meeting in this room. */
interface LoggedRecord {
  id: string;
  meetingId: string;
}

/**
 * A module whose state is a log of records applied once by id (the floor and polls): it says
 * when a record was made here or taken from elsewhere, and takes another room's records.
 */
interface ReplicatedLog<T extends LoggedRecord> {
  on(event: 'record', listener: (record: T, origin: 'local' | 'remote') => void): unknown;
  off(event: 'record', listener: (record: T, origin: 'local' | 'remote') => void): unknown;
  /** Takes a record from another room; false when it had it already. */
  apply(record: T): boolean;
}

/**
 * Replicates a module's log across linked rooms on the channel `name`: every record made here
 * goes to the other rooms (as `forOtherRooms` shapes it: a confidential meeting's leave
 * without names), every record from them is applied here once. Returns the undo.
 */
export function replicateLog<T extends LoggedRecord>(
  linked: LinkedRooms,
  name: string,
  log: ReplicatedLog<T>,
  meetingOf: (id: string) => Meeting | undefined,
  forOtherRooms: (record: T, meeting: Meeting) => T = (r) => r,
): () => void {
  const channel = linked.registerChannel(name, { apply: (record) => void log.apply(record as T) });
  const onRecord = (record: T, origin: 'local' | 'remote') => {
    const meeting = origin === 'local' ? meetingOf(record.meetingId) : undefined;
    if (meeting) channel.send(record.meetingId, forOtherRooms(record, meeting));
  };
  log.on('record', onRecord);
  return () => log.off('record', onRecord);
}
