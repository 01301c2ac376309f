/**
 * What the API and the panel see of meetings (type-only for the panel). Confidential
 * meetings are shown without title, organiser, attendees or description unless the reader
 * is authorised.
 */
import type { OnlineMeetingView } from '../calls/online-meeting-view.js';
import type { FloorView, PollView } from '../conversation/conversation-views.js';
import type { RoomState } from './room-state.js';
import type { AgendaSpeaker, Attendee, Confidentiality, MeetingStatus, Person, ReleaseReason, ReleaseVia } from './meeting-types.js';
import type { LinkedRoomView } from './linked-port.js';

export interface MeetingView {
  id: string;
  source: 'calendar' | 'adhoc';
  seriesKey: string | null;
  /** null when hidden (confidential, reader not authorised) */
  title: string | null;
  hidden: boolean;
  organiser: Person | null;
  attendees: Attendee[];
  description: string;
  start: string;
  end: string;
  status: MeetingStatus;
  confidentiality: Confidentiality;
  startedAt: string | null;
  endedAt: string | null;
  releasedAt: string | null;
  /** How it was released: nobody checked in (`no-check-in`), freed by hand in its check-in window (`by-hand`) or before it (`ahead-of-time`). */
  releasedBy: ReleaseReason | null;
  /** Whose credential freed it by hand: a paired panel's or one of the room's tokens. */
  releasedVia: ReleaseVia | null;
  checkInOpensAt: string;
  autoReleaseAt: string;
  checkIns: number;
  /** The recurring series this belongs to was released unused too often in a row (`meetings.missedInARowFlag`) */
  seriesFlagged: boolean;
  /** The rooms of a linked meeting, this one included (empty when it is held in this room only). */
  rooms: LinkedRoomView[];
  /** With a broker: whether this room may link rooms to the meeting (not when an invitation brought the meeting here). */
  linksRooms?: boolean;
  /** With a broker: whether this room may hand the time to another room (where an invitation brought the meeting: only while it keeps the time). */
  handsTimeOver?: boolean;
  /** The online meeting of the invitation (or the booking's `online.url`) the room may open or show; null: none. */
  online: OnlineMeetingView | null;
  /** Raised hands in order and who has the floor (names hidden with the title). */
  floor: FloorView;
  /** The meeting's polls, open and closed, with their live counts. */
  polls: PollView[];
}

interface AgendaItemView {
  /** The item's identity, the same in every linked room: a save sends it back so the item keeps its times and speakers. */
  id: string;
  position: number;
  title: string;
  owner: string | null;
  minutes: number;
  speakers: AgendaSpeaker[];
  startedAt: string | null;
  endedAt: string | null;
  overrunMinutes: number | null;
}

export interface AgendaNowView {
  items: AgendaItemView[];
  currentPosition: number | null;
  remainingSeconds: number | null;
  usedPercent: number | null;
  /** Moves on every change of the items, not on the clock moving through them: a save sends it back (`ifRevision`) to change only what it read. */
  revision: number;
  /** Items a save over this agenda may hold: 50, or as many as a merge of linked rooms' edits left (up to 100). */
  maxItems: number;
}

export interface RoomNowView {
  state: RoomState;
  current: MeetingView | null;
  next: MeetingView | null;
  agenda: AgendaNowView | null;
  /** The last self-test before the current meeting, if any */
  selfTest: { id: string; at: string; passed: boolean; failed: string[] } | null;
  /** Durations "book now" offers, when the room is free */
  bookNowMinutes: number[];
  /** Calendar entries for the rest of today that do not book the room (all-day, marked free); a confidential one has no title. */
  alsoToday?: { title: string | null; start: string; end: string; allDay: boolean }[];
  /** The room can link its meetings with other rooms (it has a broker). */
  linkable?: boolean;
  time: string;
}

/** Things the panel should say out loud (banner, sound) as they happen. */
export type MeetingNotice =
  | { kind: 'checkin-open'; meetingId: string }
  | { kind: 'started'; meetingId: string }
  | { kind: 'ended'; meetingId: string }
  | { kind: 'released'; meetingId: string; by: ReleaseReason }
  | { kind: 'end-warning'; meetingId: string; minutesLeft: number }
  | { kind: 'agenda-warning'; meetingId: string; position: number; percent: number }
  | { kind: 'selftest'; meetingId: string | null; passed: boolean; failed: string[] }
  | { kind: 'checked-in'; meetingId: string; name: string }
  | { kind: 'speaker-warning'; meetingId: string; percent: number; name: string | null };

/** The stream message for meetings (WebSocket /api/v1/stream). */
export interface MeetingStreamMessage {
  type: 'meeting';
  now: RoomNowView;
  notice?: MeetingNotice;
}

/** GET /api/v1/door/schedule: the rest of the room's day, as the phone page a door QR code opens shows it. */
export interface DoorScheduleView {
  room: { name: string; timezone: string };
  time: string;
  /** The end of the room's local day: a phone books up to here. */
  dayEnd: string;
  /** The lengths a booking may have (the room's "book now" ones). */
  durations: number[];
  /** Live meetings from now to the end of the day; a confidential one has no title. */
  busy: { start: string; end: string; status: MeetingStatus; title: string | null }[];
  /** Bookings this door code may still make (null with the API token). */
  bookingsLeft: number | null;
  /** When this door code stops working (null with the API token). */
  codeExpiresAt: string | null;
}

/** POST /api/v1/door/bookings: the booking, and its own phone page (with its meeting code) to check in from. */
export interface DoorBookingView {
  meeting: MeetingView;
  meetingUrl: string;
}

/** GET /api/v1/door/access: what the door panel puts in its booking QR code, and when to ask again. */
export interface DoorAccessView {
  url: string;
  code: string;
  expiresAt: string;
  refreshInSeconds: number;
}
