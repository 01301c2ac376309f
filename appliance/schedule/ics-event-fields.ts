import { createHash } from 'node:crypto';
import type ICAL from 'ical.js';
import type { Attendee, InviteLinks, Person } from '../meetings/meeting-types.js';

/** Who the room is, so a calendar does not list the room among the people expected. */
export interface RoomAddresses {
  /** The room's own mailbox(es) (`calendar.roomAddresses`), compared without case. */
  roomAddresses?: readonly string[];
  /** Badge ids of people known by email, so a calendar invitee can check in with a badge. */
  badgeOf?: (email: string) => string | undefined;
}

export function text(vevent: ICAL.Component, name: string): string {
  const value = vevent.getFirstPropertyValue(name);
  return typeof value === 'string' ? value : '';
}

function mailbox(value: unknown): string | undefined {
  if (typeof value !== 'string') return undefined;
  const email = value.replace(/^mailto:/i, '').trim();
  return email.includes('@') ? email : undefined;
}

export function organiserOf(vevent: ICAL.Component): Person {
  const prop = vevent.getFirstProperty('organizer');
  if (!prop) return {};
  const name = prop.getParameter('cn');
  const email = mailbox(prop.getFirstValue());
  return { ...(typeof name === 'string' ? { name } : {}), ...(email ? { email } : {}) };
}

/**
 * The people a meeting expects: not the room itself (CUTYPE=ROOM/RESOURCE, or the room's
 * own address without a CUTYPE, as Exchange writes it), not those who declined.
 */
export function attendeesOf(vevent: ICAL.Component, room: RoomAddresses): Attendee[] {
  const own = new Set((room.roomAddresses ?? []).map((a) => a.toLowerCase()));
  const out: Attendee[] = [];
  for (const prop of vevent.getAllProperties('attendee')) {
    const cutype = String(prop.getParameter('cutype') ?? 'INDIVIDUAL').toUpperCase();
    if (cutype === 'ROOM' || cutype === 'RESOURCE') continue;
    if (String(prop.getParameter('partstat') ?? '').toUpperCase() === 'DECLINED') continue;
    const email = mailbox(prop.getFirstValue());
    if (email && own.has(email.toLowerCase())) continue;
    const role = String(prop.getParameter('role') ?? 'REQ-PARTICIPANT').toUpperCase();
    const name = prop.getParameter('cn');
    const badge = email ? room.badgeOf?.(email) : undefined;
    out.push({
      ...(typeof name === 'string' ? { name } : {}),
      ...(email ? { email } : {}),
      ...(badge ? { badge } : {}),
      required: role !== 'OPT-PARTICIPANT' && role !== 'NON-PARTICIPANT',
    });
  }
  return out;
}

/** Outlook's HTML body (`X-ALT-DESC;FMTTYPE=text/html`) as plain lines. */
function htmlToText(html: string): string {
  return html
    .replace(/<(script|style|head)[^>]*>[\s\S]*?<\/\1>/gi, '')
    .replace(/<br\s*\/?>|<\/(p|div|li|tr|h\d)>/gi, '\n')
    .replace(/<li[^>]*>/gi, '\n')
    .replace(/<[^>]+>/g, '')
    .replace(/&nbsp;/gi, ' ')
    .replace(/&lt;/gi, '<')
    .replace(/&gt;/gi, '>')
    .replace(/&quot;/gi, '"')
    .replace(/&#(\d+);/g, (_, n: string) => String.fromCodePoint(Number(n)))
    .replace(/&amp;/gi, '&')
    .replace(/[ \t]+\n/g, '\n')
    .replace(/\n{3,}/g, '\n\n')
    .trim();
}

/** The invite's text: DESCRIPTION, else the HTML alternative Outlook writes beside it. */
export function descriptionOf(vevent: ICAL.Component): { description: string; html: string } {
  const alt = vevent.getAllProperties('x-alt-desc').find((p) => String(p.getParameter('fmttype') ?? '').toLowerCase() === 'text/html');
  const value = alt?.getFirstValue();
  const html = typeof value === 'string' ? htmlToText(value) : '';
  return { description: text(vevent, 'description'), html };
}

/**
 * Where the invitation carries its online meeting: RFC 7986 CONFERENCE (Google's own X-GOOGLE-CONFERENCE),
 * Teams' own property (Exchange), URL and LOCATION (Zoom's and Tencent's plug-ins put the
 * join link there). Only the properties present, so an unchanged event compares equal.
 */
export function inviteLinksOf(vevent: ICAL.Component): InviteLinks {
  // Google writes its Meet link as X-GOOGLE-CONFERENCE; RFC 7986 clients as CONFERENCE.
  const conference = [...vevent.getAllProperties('conference'), ...vevent.getAllProperties('x-google-conference')]
    .map((p) => p.getFirstValue())
    .filter((v): v is string => typeof v === 'string' && v !== '');
  const teamsUrl = text(vevent, 'x-microsoft-skypeteamsmeetingurl');
  const url = text(vevent, 'url');
  const location = text(vevent, 'location');
  return { ...(conference.length ? { conference } : {}), ...(teamsUrl ? { teamsUrl } : {}), ...(url ? { url } : {}), ...(location ? { location } : {}) };
}

/**
 * Shown on the panel but never booking the room: all-day entries (holidays, "Alice out")
 * and entries marked free (TRANSP:TRANSPARENT, Outlook's BUSYSTATUS FREE).
 */
export function nonBookingReason(vevent: ICAL.Component, allDay: boolean): 'all-day' | 'free' | undefined {
  if (allDay) return 'all-day';
  if (text(vevent, 'transp').toUpperCase() === 'TRANSPARENT') return 'free';
  const busy = (text(vevent, 'x-microsoft-cdo-busystatus') || text(vevent, 'x-microsoft-cdo-intendedstatus')).toUpperCase();
  return busy === 'FREE' ? 'free' : undefined;
}

/**
 * The key of an event without a UID: what it is (start, summary, organiser), not where it
 * sits in the file — adding an event above it must not hand its check-ins to another.
 */
export function contentKey(vevent: ICAL.Component): string {
  const start = vevent.getFirstProperty('dtstart');
  const startText = start ? `${String(start.getParameter('tzid') ?? '')}|${String(start.getFirstValue())}` : '';
  const organiser = organiserOf(vevent);
  const digest = createHash('sha256')
    .update(`${startText}\n${text(vevent, 'summary')}\n${organiser.email ?? organiser.name ?? ''}`)
    .digest('hex');
  return `no-uid-${digest.slice(0, 24)}`;
}

/** SEQUENCE, then DTSTAMP: which of two copies of one event is the newer. */
function revisionOf(vevent: ICAL.Component): [number, string] {
  const sequence = Number(vevent.getFirstPropertyValue('sequence') ?? 0);
  const stamp = vevent.getFirstProperty('dtstamp');
  return [Number.isFinite(sequence) ? sequence : 0, stamp ? String(stamp.getFirstValue()) : ''];
}

export function newer(a: ICAL.Component, b: ICAL.Component): boolean {
  const [sa, ta] = revisionOf(a);
  const [sb, tb] = revisionOf(b);
  return sa !== sb ? sa > sb : ta >= tb;
}
