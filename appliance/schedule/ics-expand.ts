import ICAL from 'ical.js';
import type { BookingDraft } from '../meetings/meeting-types.js';
import { parseAgenda } from './agenda-parse.js';
import { attendeesOf, contentKey, descriptionOf, inviteLinksOf, newer, nonBookingReason, organiserOf, text, type RoomAddresses } from './ics-event-fields.js';
import { parseFeedSteps } from './ics-parse.js';
import { icsTimeToInstant } from './ics-time.js';
import { registerFeedZones } from './ics-zones.js';
import { wallTimeAt } from './zoned-time.js';

interface ExpandOptions extends RoomAddresses {
  from: Date;
  to: Date;
  roomTimeZone: string;
  /** At most this many bookings in the window, the earliest kept (default 2,000). */
  maxBookings?: number;
}

/** An entry of the feed the room shows but that never books it (all-day, marked free). */
export interface ShownEvent {
  key: string;
  title: string;
  start: string;
  end: string;
  allDay: boolean;
  reason: 'all-day' | 'free';
  /** CLASS:PRIVATE or CONFIDENTIAL: the title only for a credential. */
  confidential: boolean;
}

export interface CalendarExpansion {
  bookings: BookingDraft[];
  shown: ShownEvent[];
  /** What was left out, one line each (a bad property, an event that cannot be expanded, a cap). */
  skipped: string[];
  /** VEVENTs in the feed, cancelled ones included (tells "empty" from "nothing in the window"). */
  events: number;
}

/** Occurrences of one series inside the window (a FREQ=MINUTELY series stops here). */
const MAX_IN_WINDOW_PER_SERIES = 1000;
/** Occurrences walked through for one series, before the window included (a 2012 daily series walks ~5,000). */
const MAX_STEPS_PER_SERIES = 200_000;
const DEFAULT_MAX_BOOKINGS = 2000;
/** Lines of `skipped` kept; the rest are counted. */
const MAX_REPORTED = 100;
/** The expansion pauses (yields) after this many steps, so a caller can give the event loop a turn. */
const STEPS_PER_YIELD = 16;

interface Series {
  uid: string;
  master?: ICAL.Component;
  exceptions: Map<string, ICAL.Component>;
}

/** One copy per UID (the highest SEQUENCE, not the last in the file), one per RECURRENCE-ID. */
function* groupByUid(root: ICAL.Component): Generator<void, Series[]> {
  const byUid = new Map<string, Series>();
  let seen = 0;
  for (const vevent of root.getAllSubcomponents('vevent')) {
    if (++seen % 200 === 0) yield;
    const uid = text(vevent, 'uid') || contentKey(vevent);
    const series: Series = byUid.get(uid) ?? { uid, exceptions: new Map() };
    byUid.set(uid, series);
    const recurrence = vevent.getFirstProperty('recurrence-id');
    if (recurrence) {
      const key = String(recurrence.getFirstValue());
      const other = series.exceptions.get(key);
      if (!other || newer(vevent, other)) series.exceptions.set(key, vevent);
    } else if (!series.master || newer(vevent, series.master)) series.master = vevent;
  }
  return [...byUid.values()];
}

/**
 * An exception names its occurrence as a date-time (Exchange: `RECURRENCE-ID;TZID=…:20261208T000000`)
 * while its series is all-day (`VALUE=DATE`): made a date, so it meets the occurrence it moves.
 */
function alignRecurrenceId(exception: ICAL.Component, masterIsDate: boolean, roomTimeZone: string): void {
  const prop = exception.getFirstProperty('recurrence-id');
  const value = prop?.getFirstValue();
  if (!prop || !masterIsDate || !(value instanceof ICAL.Time) || value.isDate) return;
  let { year, month, day } = value;
  if (value.zone === ICAL.Timezone.utcTimezone) ({ year, month, day } = wallTimeAt(icsTimeToInstant(value, roomTimeZone), roomTimeZone));
  prop.resetType('date');
  prop.removeParameter('tzid');
  prop.setValue(ICAL.Time.fromData({ year, month, day, isDate: true }));
}

interface Collector {
  bookings: BookingDraft[];
  shown: ShownEvent[];
  skipped: string[];
  max: number;
  /** Once more than `max` bookings were found: the start of the first one left out (later ones need not be made). */
  cutoff?: string;
}

const before = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);

/**
 * The `max` earliest bookings, sorted (plain comparisons: localeCompare costs tens of ms on
 * thousands of drafts). Sets the cutoff when some were dropped.
 */
function keepEarliest(out: Collector, max: number): BookingDraft[] {
  out.bookings.sort((a, b) => before(a.start, b.start) || before(a.occurrenceKey, b.occurrenceKey));
  if (out.bookings.length > max) {
    const first = out.bookings[max]!.start;
    if (!out.cutoff || first < out.cutoff) out.cutoff = first;
    out.bookings.length = max;
  }
  return out.bookings;
}

type EventFields = Omit<BookingDraft, 'source' | 'seriesKey' | 'occurrenceKey' | 'start' | 'end'>;

/** What every occurrence of one VEVENT shares, read once (a series can have a thousand in the window). */
const fieldsCache = new WeakMap<ICAL.Component, EventFields>();

function fieldsOf(vevent: ICAL.Component, options: ExpandOptions): EventFields {
  let fields = fieldsCache.get(vevent);
  if (fields) return fields;
  const { description, html } = descriptionOf(vevent);
  const klass = text(vevent, 'class').toUpperCase();
  fields = {
    title: text(vevent, 'summary') || '(no title)',
    organiser: organiserOf(vevent),
    attendees: attendeesOf(vevent, options),
    description: description || html,
    agenda: parseAgenda(description) ?? (html ? parseAgenda(html) : null) ?? [],
    confidentiality: klass === 'PRIVATE' || klass === 'CONFIDENTIAL' ? 'confidential' : 'normal',
    links: inviteLinksOf(vevent),
  };
  fieldsCache.set(vevent, fields);
  return fields;
}

/** Adds one occurrence when it falls in the window (and before the cutoff); true when it did. */
function collect(out: Collector, options: ExpandOptions, item: ICAL.Event, start: ICAL.Time, end: ICAL.Time, key: string, seriesKey: string | null): boolean {
  const { roomTimeZone } = options;
  const s = icsTimeToInstant(start, roomTimeZone);
  let e = icsTimeToInstant(end, roomTimeZone);
  if (!(e > s)) e = new Date(s.getTime() + (start.isDate ? 86_400_000 : 30 * 60_000));
  if (!(e > options.from && s < options.to)) return false;
  const vevent = item.component;
  const reason = nonBookingReason(vevent, start.isDate);
  // Past the cutoff: this one would be dropped with the rest (a flood of occurrences stops growing here).
  if (!reason && out.cutoff && s.toISOString() >= out.cutoff) return false;
  if (reason) {
    const { title, confidentiality } = fieldsOf(vevent, options);
    out.shown.push({
      key,
      title,
      start: s.toISOString(),
      end: e.toISOString(),
      allDay: start.isDate,
      reason,
      confidential: confidentiality === 'confidential',
    });
    return true;
  }
  out.bookings.push({ source: 'calendar', seriesKey, occurrenceKey: key, ...fieldsOf(vevent, options), start: s.toISOString(), end: e.toISOString() });
  // Trimmed now and then, so a flood holds at most twice the room's cap.
  if (out.bookings.length >= 2 * out.max) keepEarliest(out, out.max);
  return true;
}

function excluded(vevent: ICAL.Component, time: ICAL.Time): boolean {
  const instant = time.toUnixTime();
  return vevent
    .getAllProperties('exdate')
    .some((p) => p.getValues().some((v) => v instanceof ICAL.Time && (v.isDate ? v.toString() === time.toString().slice(0, 10) : v.toUnixTime() === instant)));
}

const cancelled = (c: ICAL.Component, method: string) => method === 'CANCEL' || text(c, 'status').toUpperCase() === 'CANCELLED';
const label = (c: ICAL.Component) => `"${text(c, 'summary') || text(c, 'uid') || 'an event'}"`;

/** One series' occurrences into `out`; yields every few hundred steps. */
function* expandSeries(series: Series, out: Collector, options: ExpandOptions, method: string): Generator<void> {
  const { uid, master: masterComponent } = series;
  const { to, roomTimeZone } = options;
  if (!masterComponent) {
    // Exceptions whose series is not in the feed: each stands alone.
    for (const ex of series.exceptions.values()) {
      if (cancelled(ex, method)) continue;
      const event = new ICAL.Event(ex, { strictExceptions: true, exceptions: [] });
      collect(out, options, event, event.startDate, event.endDate, `${uid}#${icsTimeToInstant(event.startDate, roomTimeZone).toISOString()}`, uid);
    }
    return;
  }
  if (cancelled(masterComponent, method)) return;
  const masterIsDate =
    masterComponent.getFirstPropertyValue('dtstart') instanceof ICAL.Time && (masterComponent.getFirstPropertyValue('dtstart') as ICAL.Time).isDate;
  for (const ex of series.exceptions.values()) alignRecurrenceId(ex, masterIsDate, roomTimeZone);
  const master = new ICAL.Event(masterComponent, { strictExceptions: true, exceptions: [...series.exceptions.values()] });
  if (!master.isRecurring()) {
    collect(out, options, master, master.startDate, master.endDate, uid, null);
    return;
  }
  const iterator = master.iterator();
  let steps = 0;
  let inWindow = 0;
  // ical.js leaves DTSTART out of an RDATE-only series; RFC 5545 counts it as the first occurrence.
  const startToo = !masterComponent.hasProperty('rrule') && !excluded(masterComponent, master.startDate);
  const startKey = master.startDate.toString();
  if (startToo) {
    const details = master.getOccurrenceDetails(master.startDate);
    if (!cancelled(details.item.component, method))
      collect(
        out,
        options,
        details.item,
        details.startDate,
        details.endDate,
        `${uid}#${icsTimeToInstant(details.recurrenceId, roomTimeZone).toISOString()}`,
        uid,
      );
  }
  // Wall time ± 14 h brackets the instant in any zone: far-before-the-window occurrences are passed cheaply.
  const lastUseful = options.from.getTime() - 14 * 3_600_000 - master.duration.toSeconds() * 1000;
  // ical.js keeps exceptions in an object keyed by recurrence id (typed as an array).
  const moved = master.exceptions as unknown as Record<string, unknown>;
  const slack = series.exceptions.size > 0 ? 7 * 86_400_000 : 0;
  for (let next = iterator.next(); next; next = iterator.next()) {
    if (++steps % STEPS_PER_YIELD === 0) yield;
    if (startToo && next.toString() === startKey) continue;
    if (steps > MAX_STEPS_PER_SERIES) {
      out.skipped.push(`${label(masterComponent)}: more than ${MAX_STEPS_PER_SERIES} occurrences before the window ends; the rest is left out`);
      return;
    }
    if (Date.UTC(next.year, next.month - 1, next.day, next.hour, next.minute) < lastUseful && !(next.toString() in moved)) continue;
    const details = master.getOccurrenceDetails(next);
    const recurrence = icsTimeToInstant(details.recurrenceId, roomTimeZone);
    const start = icsTimeToInstant(details.startDate, roomTimeZone);
    // A moved occurrence can land before its original slot; stop well past the window (or the cutoff) only.
    const end = out.cutoff ? Math.min(to.getTime(), Date.parse(out.cutoff)) : to.getTime();
    if (recurrence.getTime() > end + slack && start.getTime() > end) return;
    if (cancelled(details.item.component, method)) continue;
    const added = collect(out, options, details.item, details.startDate, details.endDate, `${uid}#${recurrence.toISOString()}`, uid);
    if (added && ++inWindow >= MAX_IN_WINDOW_PER_SERIES) {
      out.skipped.push(`${label(masterComponent)}: more than ${MAX_IN_WINDOW_PER_SERIES} occurrences in the window; the later ones are left out`);
      return;
    }
  }
}

/**
 * The expansion as steps: yields every few hundred occurrences so an async caller can give
 * the event loop a turn (a feed of FREQ=MINUTELY series must not freeze the room), and
 * returns every booking between `from` and `to`: series expanded (RRULE, RDATE, EXDATE),
 * moved or cancelled occurrences (RECURRENCE-ID, METHOD:CANCEL) applied, times in the zone
 * each event names. All-day and free entries come out as `shown`, never as bookings. A bad
 * property or event is left out and listed in `skipped`. Throws ROOMCTL_E_CALENDAR_FEED
 * when the text is not a calendar at all.
 */
function* expansionSteps(source: string | Uint8Array, options: ExpandOptions): Generator<void, CalendarExpansion> {
  const parsed = yield* parseFeedSteps(source);
  const { root } = parsed;
  const unknown = registerFeedZones(root, parsed.tzids);
  const skipped = [...parsed.skipped, ...unknown.map((z) => `time zone "${z}" is unknown and has no VTIMEZONE: its times are read in the room's zone`)];
  const method = text(root, 'method').toUpperCase();
  const max = options.maxBookings ?? DEFAULT_MAX_BOOKINGS;
  const out: Collector = { bookings: [], shown: [], skipped, max };
  const all = yield* groupByUid(root);
  for (const series of all) {
    try {
      yield* expandSeries(series, out, options, method);
    } catch (err) {
      out.skipped.push(`${label(series.master ?? [...series.exceptions.values()][0]!)}: cannot be expanded (${(err as Error).message}); left out`);
    }
    yield;
  }
  const bookings = keepEarliest(out, max);
  if (out.cutoff) out.skipped.push(`more than ${max} bookings in the window, as many as a room keeps: those from ${out.cutoff} on are left out`);
  // A feed of thousands of broken lines must not make a report of thousands of lines.
  if (out.skipped.length > MAX_REPORTED) out.skipped.splice(MAX_REPORTED - 1, out.skipped.length, `… and ${out.skipped.length - MAX_REPORTED + 1} more`);
  out.shown.sort((a, b) => before(a.start, b.start));
  return { bookings, shown: out.shown, skipped: out.skipped, events: root.getAllSubcomponents('vevent').length };
}

/** The whole expansion at once (tests, benchmarks, small feeds). */
export function expandCalendarFully(source: string | Uint8Array, options: ExpandOptions): CalendarExpansion {
  const steps = expansionSteps(source, options);
  for (;;) {
    const step = steps.next();
    if (step.done) return step.value;
  }
}

/** The bookings of a feed, at once. */
export function expandCalendar(source: string | Uint8Array, options: ExpandOptions): BookingDraft[] {
  return expandCalendarFully(source, options).bookings;
}

/** The expansion in slices of at most `sliceMs`, each followed by a turn of the event loop. */
export async function expandCalendarInSlices(source: string | Uint8Array, options: ExpandOptions, sliceMs = 4): Promise<CalendarExpansion> {
  const steps = expansionSteps(source, options);
  let sliceStart = performance.now();
  for (;;) {
    const step = steps.next();
    if (step.done) return step.value;
    if (performance.now() - sliceStart >= sliceMs) {
      await new Promise((resolve) => setImmediate(resolve));
      sliceStart = performance.now();
    }
  }
}
