import ICAL from 'ical.js';
import { WINDOWS_ZONE_IDS, WINDOWS_ZONE_LABELS } from './windows-zones.js';
import { wallUtcToInstant } from './zone-offsets.js';
import { isIanaZone } from './zoned-time.js';

/**
 * The IANA zone a feed's TZID means, when it can be told without the feed's VTIMEZONE:
 * - an IANA name (`Europe/Berlin`);
 * - a Windows zone id (`W. Europe Standard Time`) or display name
 *   (`(UTC-05:00) Eastern Time (US & Canada)`), through CLDR's windowsZones table;
 * - a name behind a known prefix: `tzone://Microsoft/Utc`, libical's
 *   `/freeassociation.sourceforge.net/Europe/Berlin`, Mozilla's `/mozilla.org/20050126_1/…`;
 * - a display name that is not in the table but starts with a whole-hour offset
 *   (`(UTC+08:00) …`): that fixed offset (no daylight saving can be known from it).
 * Undefined when none fits: then the feed's own VTIMEZONE decides, or the room's zone.
 */
function ianaZoneFor(tzid: string): string | undefined {
  const name = tzid
    .trim()
    .replace(/^"(.*)"$/, '$1')
    .trim();
  if (!name) return undefined;
  if (/^(utc|gmt|z|etc\/utc|tzone:\/\/microsoft\/utc)$/i.test(name)) return 'UTC';
  const microsoft = /^tzone:\/\/microsoft\/(.+)$/i.exec(name);
  if (microsoft) return ianaZoneFor(microsoft[1]!);
  if (name.includes('/') && !name.startsWith('/') && !name.startsWith('(') && isIanaZone(name)) return canonical(name);
  if (name.startsWith('/')) {
    const parts = name.split('/').filter(Boolean);
    for (let i = 1; i < parts.length - 1; i++) {
      const candidate = parts.slice(i).join('/');
      if (isIanaZone(candidate)) return canonical(candidate);
    }
    return undefined;
  }
  const windowsId = lookup(WINDOWS_ZONE_IDS, name);
  if (windowsId) return windowsId;
  const label = name.replace(/^\(GMT/i, '(UTC');
  const labelled = lookup(WINDOWS_ZONE_LABELS, name) ?? lookup(WINDOWS_ZONE_LABELS, label);
  if (labelled) return lookup(WINDOWS_ZONE_IDS, labelled);
  const offset = /^\(UTC(?:([+-])(\d{2}):00)?\)/i.exec(label);
  if (offset) {
    if (!offset[1]) return 'UTC';
    const hours = Number(offset[2]);
    // Etc/GMT zones count the other way round: UTC+08:00 is Etc/GMT-8.
    return hours === 0 ? 'UTC' : `Etc/GMT${offset[1] === '+' ? '-' : '+'}${hours}`;
  }
  if (isIanaZone(name) && /^[A-Za-z]/.test(name) && name.length > 3) return canonical(name);
  return undefined;
}

function lookup(table: Readonly<Record<string, string>>, key: string): string | undefined {
  if (Object.hasOwn(table, key)) return table[key];
  const lower = key.toLowerCase();
  const found = Object.keys(table).find((k) => k.toLowerCase() === lower);
  return found ? table[found] : undefined;
}

/** The zone's own spelling (`europe/berlin` → `Europe/Berlin`), so names compare equal. */
function canonical(name: string): string {
  return new Intl.DateTimeFormat('en-US', { timeZone: name }).resolvedOptions().timeZone;
}

/**
 * An ical.js zone whose offsets come from Node's tz database. Registered under the feed's
 * own TZID, so every time ical.js makes from that TZID — occurrences of a series included —
 * keeps the zone and its daylight saving rules.
 */
export class IanaZone extends ICAL.Timezone {
  constructor(
    tzid: string,
    readonly iana: string,
  ) {
    super({ tzid });
  }

  override utcOffset(tt: ICAL.Time): number {
    const wall = Date.UTC(tt.year, tt.month - 1, tt.day, tt.hour, tt.minute, tt.second);
    return (wall - wallUtcToInstant(wall, this.iana)) / 1000;
  }

  /** The instant of a wall time in this zone (a skipped wall time moved forward by the gap). */
  instantOf(tt: ICAL.Time): Date {
    return new Date(Date.UTC(tt.year, tt.month - 1, tt.day, tt.hour, tt.minute, tt.second) - this.utcOffset(tt) * 1000);
  }
}

/**
 * Makes every TZID the feed names known to ical.js before any time is read: a name with an
 * IANA meaning gets an `IanaZone`, else the feed's VTIMEZONE of that name (the feed's own
 * definition wins over one another feed registered). Returns the names nothing could explain
 * (their times are read in the room's zone).
 */
export function registerFeedZones(root: ICAL.Component, tzids: ReadonlySet<string>): string[] {
  const vtimezones = new Map<string, ICAL.Component>();
  for (const vtimezone of root.getAllSubcomponents('vtimezone')) {
    const tzid = vtimezone.getFirstPropertyValue('tzid');
    if (typeof tzid === 'string') vtimezones.set(tzid, vtimezone);
  }
  const unknown: string[] = [];
  for (const tzid of new Set([...tzids, ...vtimezones.keys()])) {
    // ical.js's own UTC names ("UTC", "GMT", "Z") stay as they are: other users of ical.js rely on them.
    if (ICAL.TimezoneService.get(tzid) === ICAL.Timezone.utcTimezone) continue;
    const iana = ianaZoneFor(tzid);
    if (iana === 'UTC') {
      ICAL.TimezoneService.register(ICAL.Timezone.utcTimezone, tzid);
      continue;
    }
    if (iana) {
      ICAL.TimezoneService.register(new IanaZone(tzid, iana), tzid);
      continue;
    }
    const vtimezone = vtimezones.get(tzid);
    if (vtimezone) {
      try {
        ICAL.TimezoneService.register(new ICAL.Timezone(vtimezone), tzid);
        continue;
      } catch {
        // An unreadable VTIMEZONE: as if there were none.
      }
    }
    ICAL.TimezoneService.remove(tzid);
    if (tzids.has(tzid)) unknown.push(tzid);
  }
  return unknown;
}
