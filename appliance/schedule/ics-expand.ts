import ICAL from 'ical.js';
import { RoomctlError } from '../../drivers/core/errors.js';
import type { Attendee, BookingDraft, Person } from '../meetings/meeting-types.js';
import { parseAgenda } from './agenda-parse.js';
import { icsTimeToInstant } from './ics-time.js';

export interface ExpandOptions {
  from: Date;
  to: Date;
  roomTimeZone: string;
  /** Badge ids of people known by email, so a calendar invitee can check in with a badge. */
  badgeOf?: (email: string) => string | undefined;
}

/** A runaway RRULE (FREQ=SECONDLY, no end) must not hang the room. */
const MAX_OCCURRENCES_PER_SERIES = 5000;

function parseCalendar(text: string): ICAL.Component {
  let root: ICAL.Component;
  try {
    root = new ICAL.Component(ICAL.parse(text));
  } catch (err) {
    throw new RoomctlError('ROOMCTL_E_CALENDAR_FEED', `The calendar feed is not valid iCalendar: ${(err as Error).message}`, undefined, { cause: err });
  }
  if (root.name !== 'vcalendar') throw new RoomctlError('ROOMCTL_E_CALENDAR_FEED', `The calendar feed holds a ${root.name.toUpperCase()}, not a VCALENDAR`);
  return root;
}

function mailbox(value: unknown): string | undefined {
  if (typeof value !== 'string') return undefined;
  const email = value.replace(/^mailto:/i, '').trim();
  return email.includes('@') ? email : undefined;
}

function organiserOf(vevent: ICAL.Component): Person {
  const prop = vevent.getFirstProperty('organizer');
  if (!prop) return {};
  const name = prop.getParameter('cn');
  const email = mailbox(prop.getFirstValue());
  return { ...(typeof name === 'string' ? { name } : {}), ...(email ? { email } : {}) };
}

function attendeesOf(vevent: ICAL.Component, badgeOf: ExpandOptions['badgeOf']): Attendee[] {
  const out: Attendee[] = [];
  for (const prop of vevent.getAllProperties('attendee')) {
    const cutype = String(prop.getParameter('cutype') ?? 'INDIVIDUAL').toUpperCase();
    if (cutype === 'ROOM' || cutype === 'RESOURCE') continue; // the room itself
    const role = String(prop.getParameter('role') ?? 'REQ-PARTICIPANT').toUpperCase();
    const name = prop.getParameter('cn');
    const email = mailbox(prop.getFirstValue());
    const badge = email ? badgeOf?.(email) : undefined;
    out.push({
      ...(typeof name === 'string' ? { name } : {}),
      ...(email ? { email } : {}),
      ...(badge ? { badge } : {}),
      required: role !== 'OPT-PARTICIPANT' && role !== 'NON-PARTICIPANT',
    });
  }
  return out;
}

function text(vevent: ICAL.Component, name: string): string {
  const value = vevent.getFirstPropertyValue(name);
  return typeof value === 'string' ? value : '';
}

function draftOf(item: ICAL.Event, start: Date, end: Date, key: string, seriesKey: string | null, options: ExpandOptions): BookingDraft {
  const vevent = item.component;
  const description = text(vevent, 'description');
  const klass = text(vevent, 'class').toUpperCase();
  return {
    source: 'calendar',
    seriesKey,
    occurrenceKey: key,
    title: text(vevent, 'summary') || '(no title)',
    organiser: organiserOf(vevent),
    attendees: attendeesOf(vevent, options.badgeOf),
    description,
    agenda: parseAgenda(description) ?? [],
    start: start.toISOString(),
    end: (end > start ? end : new Date(start.getTime() + 30 * 60_000)).toISOString(),
    confidentiality: klass === 'PRIVATE' || klass === 'CONFIDENTIAL' ? 'confidential' : 'normal',
  };
}

const cancelled = (c: ICAL.Component) => text(c, 'status').toUpperCase() === 'CANCELLED';

/**
 * Every booking of an iCalendar text between `from` and `to`: recurring series expanded
 * (RRULE, RDATE, EXDATE), moved or cancelled occurrences (RECURRENCE-ID) applied, times
 * converted to instants in the zone each event names. Throws ROOMCTL_E_CALENDAR_FEED when
 * the text is not a calendar.
 */
export function expandCalendar(ics: string, options: ExpandOptions): BookingDraft[] {
  const root = parseCalendar(ics);
  for (const vtimezone of root.getAllSubcomponents('vtimezone')) {
    const tzid = vtimezone.getFirstPropertyValue('tzid');
    if (typeof tzid === 'string' && !ICAL.TimezoneService.has(tzid)) ICAL.TimezoneService.register(vtimezone);
  }
  const byUid = new Map<string, { master?: ICAL.Component; exceptions: ICAL.Component[] }>();
  for (const vevent of root.getAllSubcomponents('vevent')) {
    const uid = text(vevent, 'uid') || `no-uid-${byUid.size}`;
    const group = byUid.get(uid) ?? { exceptions: [] };
    if (vevent.hasProperty('recurrence-id')) group.exceptions.push(vevent);
    else group.master = vevent;
    byUid.set(uid, group);
  }
  const { from, to, roomTimeZone } = options;
  const inWindow = (s: Date, e: Date) => e > from && s < to;
  const drafts: BookingDraft[] = [];
  for (const [uid, group] of byUid) {
    if (!group.master) {
      // Exceptions whose series is not in the feed: each stands alone.
      for (const ex of group.exceptions) {
        const event = new ICAL.Event(ex);
        const s = icsTimeToInstant(event.startDate, roomTimeZone);
        const e = icsTimeToInstant(event.endDate, roomTimeZone);
        if (!cancelled(ex) && inWindow(s, e)) drafts.push(draftOf(event, s, e, `${uid}#${s.toISOString()}`, uid, options));
      }
      continue;
    }
    const master = new ICAL.Event(group.master);
    if (cancelled(group.master)) continue;
    if (!master.isRecurring()) {
      const s = icsTimeToInstant(master.startDate, roomTimeZone);
      const e = icsTimeToInstant(master.endDate, roomTimeZone);
      if (inWindow(s, e)) drafts.push(draftOf(master, s, e, uid, null, options));
      continue;
    }
    for (const ex of group.exceptions) master.relateException(ex);
    const iterator = master.iterator();
    let seen = 0;
    for (let next = iterator.next(); next && seen < MAX_OCCURRENCES_PER_SERIES; next = iterator.next(), seen++) {
      const details = master.getOccurrenceDetails(next);
      const recurrence = icsTimeToInstant(details.recurrenceId, roomTimeZone);
      const s = icsTimeToInstant(details.startDate, roomTimeZone);
      const e = icsTimeToInstant(details.endDate, roomTimeZone);
      // A moved occurrence can land before its original slot; stop well past the window only.
      if (recurrence.getTime() > to.getTime() + 7 * 86_400_000 && s > to) break;
      if (cancelled(details.item.component) || !inWindow(s, e)) continue;
      drafts.push(draftOf(details.item, s, e, `${uid}#${recurrence.toISOString()}`, uid, options));
    }
  }
  return drafts.sort((a, b) => a.start.localeCompare(b.start));
}
