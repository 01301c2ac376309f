/** The words of a meeting, shared by the schedule, the rules, the store and the API. */

export interface Person {
  name?: string;
  email?: string;
  /** Badge id read by the room's badge reader. */
  badge?: string;
}

export interface Attendee extends Person {
  required: boolean;
}

export const MEETING_STATUSES = ['booked', 'in_progress', 'ended', 'released', 'cancelled'] as const;
/**
 * How a booking was released: nobody checked in within the rule's minutes (`no-check-in`); freed
 * by hand once its check-in window had opened ("We are not meeting: free the room", `by-hand`) —
 * either way a meeting that did not take place; or freed before that window opened
 * (`ahead-of-time`), which is a cancellation: the room was given back in time for others.
 */
export const RELEASE_REASONS = ['no-check-in', 'by-hand', 'ahead-of-time'] as const;
export type ReleaseReason = (typeof RELEASE_REASONS)[number];
/** Whose credential freed a booking by hand: the room's panel's (a paired panel, or a config token marked as a panel's), or one of the room's config tokens (an integration, a script). */
export const RELEASE_VIAS = ['panel', 'token'] as const;
export type ReleaseVia = (typeof RELEASE_VIAS)[number];
export type MeetingStatus = (typeof MEETING_STATUSES)[number];

export const CONFIDENTIALITY = ['normal', 'confidential'] as const;
export type Confidentiality = (typeof CONFIDENTIALITY)[number];

/** A speaker the agenda names for an item, in speaking order, with their time. */
export interface AgendaSpeaker {
  name: string;
  minutes: number;
}

export interface AgendaItemDraft {
  /** The item's identity across linked rooms; a draft from a person has none (the agenda matches it to the item it was). */
  id?: string;
  title: string;
  owner?: string;
  minutes: number;
  /** Who speaks, in order; the chair's "next" gives them the floor before raised hands. */
  speakers?: AgendaSpeaker[];
}

/**
 * Where an invitation carries its online meeting, besides the description: RFC 7986
 * CONFERENCE, Teams' own X-MICROSOFT-SKYPETEAMSMEETINGURL, URL and LOCATION. Kept as read;
 * which of them the room may open is decided when it is shown (the config may change).
 */
export interface InviteLinks {
  conference?: string[];
  teamsUrl?: string;
  url?: string;
  location?: string;
}

/** A booking as the schedule knows it, before the room has done anything with it. */
export interface BookingDraft {
  source: 'calendar' | 'adhoc';
  /** Same for every occurrence of a recurring series (the ICS UID); null for one-offs. */
  seriesKey: string | null;
  /** Unique per occurrence: UID + recurrence instant for calendar events. */
  occurrenceKey: string;
  title: string;
  organiser: Person;
  attendees: Attendee[];
  description: string;
  agenda: AgendaItemDraft[];
  /** ISO instants (UTC). */
  start: string;
  end: string;
  confidentiality: Confidentiality;
  /** The invitation's links (an ad-hoc booking's `online.url` is its conference). */
  links?: InviteLinks;
}

export interface Meeting extends Omit<BookingDraft, 'agenda'> {
  id: string;
  status: MeetingStatus;
  /** Per-meeting code for the phone/laptop page and the QR check-in. */
  code: string;
  startedAt: string | null;
  endedAt: string | null;
  releasedAt: string | null;
  releasedBy: ReleaseReason | null;
  /** A release by hand: whose credential freed it; null for the rule's release and for releases stored before this was recorded. */
  releasedVia: ReleaseVia | null;
  createdAt: string;
}

/** The key a person is known by in one meeting: email, else badge, else name. */
export function personKey(p: Person): string {
  if (p.email) return `email:${p.email.toLowerCase()}`;
  if (p.badge) return `badge:${p.badge}`;
  return `name:${(p.name ?? '').trim().toLowerCase()}`;
}

export function displayName(p: Person): string {
  return p.name ?? p.email ?? (p.badge ? `badge ${p.badge}` : 'someone');
}
