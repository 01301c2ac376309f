/**
 * What the meeting room asks of the rooms it is linked with (appliance/linked/ answers; a room
 * that is not linked has none). Kept here, below the link layer, so the meetings import
 * nothing above them.
 */

/** One room of a linked meeting, as the meeting view shows it. */
export interface LinkedRoomView {
  site: string;
  room: string;
  name: string;
  /** This room keeps the agenda timer, the roll call's nudges and the minutes. */
  host: boolean;
  /** People checked in there. */
  present: number;
  /** Linked (its calendar holds the invite, or the organiser named it) and not heard from yet. */
  expected: boolean;
  /** Its appliance is connected to the broker. */
  online: boolean;
  /** Its devices: the worst status, and one short line per device that is not ok ("camera offline"). */
  health: { status: 'ok' | 'degraded' | 'offline' | 'unknown'; problems: string[] };
}

/** A check-in made in another linked room. */
export interface CheckInElsewhere {
  /** `site/room` and the room's name. */
  room: string;
  roomName: string;
  at: string;
}

export interface LinkedMeetingsPort {
  /** The rooms of a linked meeting, this one included; empty when the meeting is not linked. */
  rooms(meetingId: string): LinkedRoomView[];
  /** Another room hosts this meeting: this room neither nudges absentees nor sends the minutes. */
  followsAnotherRoom(meetingId: string): boolean;
  /**
   * Who makes the meeting's roll call, now that it is due: `here` when this room hosts and no room
   * made it yet; `elsewhere` when a room made it or another room hosts (the host at the start makes
   * it, so a later hand-over does not make it again); `wait` until this room has been on the broker
   * long enough to have heard every room holding the meeting.
   */
  rollCallBy(meetingId: string): 'here' | 'elsewhere' | 'wait';
  /** This room made the roll call: no other room makes it again (a later host, a room that comes up late). */
  rollCallMade(meetingId: string): void;
  /** Where a person of this meeting checked in, when it was in another linked room. */
  checkedInElsewhere(meetingId: string, personKey: string): CheckInElsewhere | undefined;
  /** Attendance per room for the minutes: names (none for a confidential meeting) and counts. */
  attendanceByRoom(meetingId: string): { room: string; name: string; present: number; names: string[] }[];
}
