import ICAL from 'ical.js';

interface CleanedFeed {
  /** The lines ical.js can read, one per line (CRLF), nothing folded. */
  text: string;
  /** What was left out, for the feed's state: `SUMMARY "Budget": EXDATE:20290621 (invalid date-time value …)`. */
  skipped: string[];
  /** Every TZID a property names. */
  tzids: Set<string>;
}

const TIME_VALUE = String.raw`\d{8}(?:T\d{6}Z?)?`;
/** `DTSTART;TZID=tzone://Microsoft/Utc:20260101T100000`: a TZID with a colon, unquoted. */
const UNQUOTED_TZID = new RegExp(String.raw`^([A-Z-]+(?:;[^:]*?)?;TZID=)([^";][^;]*?)((?:;[^:;]*)*:${TIME_VALUE}(?:,${TIME_VALUE})*)$`, 'i');
/** A quoted TZID with a stray quote inside: `TZID="Europe/Ber"lin"`. */
const BROKEN_QUOTED_TZID = /^([A-Z-]+(?:;[^:"]*?)?;TZID=)"([^:]*?)"?((?:;[^:;]*)*:[0-9TZ,]+)$/i;

function tzidOf(line: string): string | undefined {
  const m = /;TZID=("[^"]*"|[^;:]*)/i.exec(line);
  return m ? m[1]!.replace(/^"(.*)"$/, '$1') : undefined;
}

/** A line ical.js refused, mended when its fault is a known one; undefined when it cannot be. */
function mend(line: string): string | undefined {
  const unquoted = UNQUOTED_TZID.exec(line);
  if (unquoted && unquoted[2]!.includes(':')) return `${unquoted[1]}"${unquoted[2]}"${unquoted[3]}`;
  const broken = BROKEN_QUOTED_TZID.exec(line);
  if (broken) return `${broken[1]}"${broken[2]!.replace(/"/g, '')}"${broken[3]}`;
  // RDATE;VALUE=PERIOD:start/end — ical.js cannot expand periods: keep each start, the series' length applies.
  const period = /^(RDATE(?:;[^:]*)?);VALUE=PERIOD((?:;[^:]*)?):(.+)$/i.exec(line);
  if (period)
    return `${period[1]}${period[2]}:${period[3]!
      .split(',')
      .map((p) => p.split('/')[0])
      .join(',')}`;
  // EXDATE:20290621 on a date-time series, DTSTART:20021028: a date where a date-time is expected.
  const dates = /^((?:EXDATE|RDATE|DTSTART|DTEND|RECURRENCE-ID)(?:;[^:]*)?):(\d{8}(?:,\d{8})*)$/i.exec(line);
  if (dates && !/;VALUE=DATE\b/i.test(dates[1]!)) return `${dates[1]};VALUE=DATE:${dates[2]}`;
  // RRULE:…;BYDAY=MO, TU, WE — spaces Outlook's CDO leaves in a list.
  if (/^RRULE[;:]/i.test(line) && / /.test(line)) return line.replace(/ /g, '');
  return undefined;
}

/** Properties whose values ical.js decodes only when they are read — checked up front. */
const TIME_PROPERTY = /^(DTSTART|DTEND|DUE|EXDATE|RDATE|RECURRENCE-ID|RRULE|DURATION)[;:]/i;

function readable(line: string): boolean {
  try {
    new ICAL.Property(ICAL.parse.property(line)).getValues();
    return true;
  } catch {
    return false;
  }
}

/**
 * Reads unfolded lines (one component, or a whole feed) and keeps what ical.js can read: a line it refuses
 * is mended when the fault is a known one (a TZID with a colon left unquoted, a PERIOD in
 * RDATE, a date in a date-time EXDATE), else left out and reported — one bad property
 * never costs the rest of the feed. Structure (BEGIN/END) is checked by the caller's parse.
 * `checkEachLine` false: only the cheap mends (the caller parses the whole text first and
 * comes back with true when that fails).
 */
export function cleanFeed(lines: readonly string[], checkEachLine: boolean): CleanedFeed {
  const kept: string[] = [];
  const skipped: string[] = [];
  const tzids = new Set<string>();
  let summary = '';
  let pending: string[] = [];
  let inEvent = false;
  let depth = 0;
  for (const raw of lines) {
    const line = raw.trimEnd();
    if (!line) continue;
    if (/^(BEGIN|END):/i.test(line)) {
      // What was left out is reported at the end of its event (named by its summary) or of another top-level component.
      const endOfEvent = /^END:VEVENT$/i.test(line);
      if ((endOfEvent || (!inEvent && /^END:/i.test(line))) && pending.length > 0) {
        for (const s of pending) skipped.push(endOfEvent && summary ? `"${summary}": ${s}` : s);
        pending = [];
      }
      if (/^BEGIN:VEVENT$/i.test(line)) inEvent = true;
      if (endOfEvent) inEvent = false;
      // Depth inside the event: 1 is the event itself, more is a VALARM (whose SUMMARY is not the event's).
      if (inEvent) depth += /^BEGIN:/i.test(line) ? 1 : -1;
      else depth = 0;
      if (/^(BEGIN|END):VEVENT$/i.test(line)) summary = '';
      kept.push(line);
      continue;
    }
    // Checking every line costs a second parse: only once the whole text was refused.
    const suspect = /^RDATE[;:].*VALUE=PERIOD/i.test(line) || /TZID="[^"]*"[^;:]/i.test(line);
    let usable: string | undefined = !suspect && (!(checkEachLine || TIME_PROPERTY.test(line)) || readable(line)) ? line : undefined;
    let note: string | undefined;
    if (!usable) {
      const mended = mend(line);
      if (mended && readable(mended)) {
        usable = mended;
        note = /VALUE=PERIOD/i.test(line)
          ? `${shorten(line)} (period ends ignored; each occurrence takes the series' length)`
          : `${shorten(line)} (read as ${shorten(mended)})`;
      }
    }
    if (usable) {
      kept.push(usable);
      const tzid = tzidOf(usable);
      if (tzid) tzids.add(tzid);
      if (depth === 1 && /^SUMMARY[;:]/i.test(usable)) summary = usable.slice(usable.indexOf(':') + 1).slice(0, 60);
      if (note) pending.push(note);
      continue;
    }
    pending.push(`${shorten(line)} (unreadable, left out)`);
  }
  skipped.push(...pending);
  return { text: kept.join('\r\n') + '\r\n', skipped, tzids };
}

function shorten(line: string): string {
  return line.length > 80 ? `${line.slice(0, 77)}…` : line;
}
