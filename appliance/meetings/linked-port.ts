/**
 * What the meeting room asks of the rooms it is linked with (appliance/linked/ answers; a room
 * that is not linked has none). Kept here, below the link layer, so the meetings import
 * nothing above them.
 */
import type { ReleaseReason } from './meeting-types.js';

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
  /** It released its booking there and left the meeting (how, when); null while it holds it. Its booking only: the others keep theirs. */
  released: { by: ReleaseReason; at: string } | null;
}

/** One room's line in the minutes' Rooms section; `released` when it left the meeting. */
export interface RoomAttendance {
  room: string;
  name: string;
  present: number;
  names: string[];
  released?: ReleaseReason;
}

/**
 * What only the host of a linked meeting does, once for every room: the reminder before a start
 * (`reminder@<start>`: a booking moved is reminded again), the roll call's nudges, sending the minutes.
 */
export type LinkedDuty = 'rollcall' | 'minutes' | `reminder@${string}`;

/** The reminder before `start` as a linked duty. */
export function reminderDuty(start: string): LinkedDuty {
  return `reminder@${start}`;
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
  /** Whether this room may link rooms to the meeting: its calendar holds the invite (a room an invitation brought in may not). */
  linksRooms(meetingId: string): boolean;
  /**
   * Whether this room may hand the meeting's time to another room: a room whose calendar holds the
   * invite always (and may take it); a room an invitation brought in only while it keeps the time.
   */
  handsTimeOver(meetingId: string): boolean;
  /**
   * Who does one of the host's once-only duties now (nudging the absentees, sending the
   * minutes): `here` when this room hosts and no room has recorded doing it; `done` when a room
   * has (this one or another); `another-room` while another room hosts and has not recorded it
   * yet (ask again: it may go down first); `wait` until this room has been on the broker long
   * enough to have heard every room holding the meeting (whether one did it, who hosts).
   */
  dutyBy(meetingId: string, duty: LinkedDuty): 'here' | 'done' | 'another-room' | 'wait';
  /**
   * This room does the duty now: recorded on the link before the messages leave, so no other
   * room (a later host, a room that comes up late) does it again.
   */
  dutyTaken(meetingId: string, duty: LinkedDuty): void;
  /** Where a person of this meeting checked in, when it was in another linked room. */
  checkedInElsewhere(meetingId: string, personKey: string): CheckInElsewhere | undefined;
  /** Attendance per room for the minutes: names (none for a confidential meeting) and counts. */
  attendanceByRoom(meetingId: string): RoomAttendance[];
  /**
   * The daily purge deleted meetings: the linked records of every meeting this room no longer
   * holds go too (they are read only through their meeting). Returns how many records went.
   */
  forgetGoneMeetings(): number;
}
