import ICAL from 'ical.js';
import { RoomctlError } from '../../drivers/core/errors.js';
import { cleanFeed } from './ics-lines.js';
import { unfoldBytes } from './ics-unfold.js';

interface ParsedFeed {
  root: ICAL.Component;
  /** What was left out or mended, one line each. */
  skipped: string[];
  /** Every TZID a property names. */
  tzids: Set<string>;
}

/** Components parsed between two pauses of the caller. */
const COMPONENTS_PER_STEP = 25;

const notCalendar = (why: string) => new RoomctlError('ROOMCTL_E_CALENDAR_FEED', `The calendar feed is not valid iCalendar: ${why}`);

/**
 * The feed parsed one top-level component (VEVENT, VTIMEZONE, …) at a time, yielding every
 * few dozen so a feed of megabytes never holds the event loop for long, and so a component
 * ical.js cannot read (a broken BEGIN/END, a line beyond mending) costs that component
 * only. Throws ROOMCTL_E_CALENDAR_FEED when the text is not a VCALENDAR at all.
 */
export function* parseFeedSteps(source: string | Uint8Array): Generator<void, ParsedFeed> {
  const unfolded = typeof source === 'string' ? source.replace(/\r?\n[ \t]/g, '').replace(/^\uFEFF/, '') : unfoldBytes(source);
  const lines = unfolded.split(/\r\n|\n|\r/);
  let at = lines.findIndex((l) => l.trim() !== '');
  const first = at >= 0 ? lines[at]!.trim().toUpperCase() : '';
  if (first.startsWith('BEGIN:') && first !== 'BEGIN:VCALENDAR')
    throw new RoomctlError('ROOMCTL_E_CALENDAR_FEED', `The calendar feed holds a ${first.slice(6)}, not a VCALENDAR`);
  if (first !== 'BEGIN:VCALENDAR') throw notCalendar(`it starts with "${(lines[at] ?? '').trim().slice(0, 40)}", not BEGIN:VCALENDAR`);
  const skipped: string[] = [];
  const tzids = new Set<string>();
  const properties: unknown[] = [];
  const components: unknown[] = [];
  let chunk: string[] = [];
  let depth = 0;
  let parsed = 0;
  let ended = false;
  for (at++; at < lines.length; at++) {
    const line = lines[at]!.trimEnd();
    if (!line) continue;
    const begin = /^BEGIN:/i.test(line);
    const end = /^END:/i.test(line);
    if (depth === 0 && /^END:VCALENDAR$/i.test(line)) {
      ended = true;
      break; // several VCALENDARs in one feed: the first
    }
    if (depth === 0 && !begin) {
      if (end) continue; // a stray END: nothing to close
      const property = readProperty(line);
      if (property) properties.push(property);
      else skipped.push(`${line.slice(0, 80)} (unreadable, left out)`);
      continue;
    }
    chunk.push(line);
    depth += begin ? 1 : end ? -1 : 0;
    if (depth > 0) continue;
    const component = readComponent(chunk, skipped, tzids);
    if (component) components.push(component);
    chunk = [];
    if (++parsed % COMPONENTS_PER_STEP === 0) yield;
  }
  if (chunk.length > 0) skipped.push(`${chunk[0]} cut off at the end of the feed (no END), left out`);
  if (!ended && chunk.length === 0 && components.length === 0) throw notCalendar('no END:VCALENDAR and nothing in it');
  return { root: new ICAL.Component(['vcalendar', properties, components]), skipped, tzids };
}

function readProperty(line: string): unknown {
  try {
    return ICAL.parse.property(line);
  } catch {
    return undefined;
  }
}

/** One component's jCal: parsed as it is, else line by line with mends, else left out and reported. */
function readComponent(chunk: readonly string[], skipped: string[], tzids: Set<string>): unknown {
  for (const checkEachLine of [false, true]) {
    const cleaned = cleanFeed(chunk, checkEachLine);
    try {
      const jcal = ICAL.parse(cleaned.text) as unknown;
      skipped.push(...cleaned.skipped);
      for (const tzid of cleaned.tzids) tzids.add(tzid);
      return jcal;
    } catch (err) {
      if (!checkEachLine) continue;
      const summary = chunk.find((l) => /^SUMMARY[;:]/i.test(l));
      skipped.push(
        `${chunk[0]}${summary ? ` "${summary.slice(summary.indexOf(':') + 1, 60)}"` : ''} cannot be read (${(err as Error).message.slice(0, 80)}), left out`,
      );
    }
  }
  return undefined;
}
