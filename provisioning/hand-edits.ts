import { isDeepStrictEqual } from 'node:util';

type Plain = Record<string, unknown>;
const isPlain = (v: unknown): v is Plain => typeof v === 'object' && v !== null && !Array.isArray(v);

/** Field names that belong in secrets.yaml; one written by hand in room.yaml is not carried over (the rerun put it in secrets.yaml). */
const SECRET_FIELD = /^(password|passphrase|secret|token|tokens|panelTokens|apiKey|clientSecret|commandKeys|adminPin)$/i;

/** The sections whose content the answers say (or provisioning's defaults): what differs there was replaced, and is said. */
export const ANSWERED_SECTIONS: ReadonlySet<string> = new Set(['room', 'api', 'storage', 'mqtt', 'calendar', 'notifications', 'secrets']);

/**
 * secrets.yaml's sections whose values the answers say (device logins, the broker's password, the
 * PIN): a value IT put there by hand, say the password doctor said was wrong, that a rerun
 * replaces is said. Not `api`: its tokens are reused, and the kiosk's leaving is said on its own.
 */
export const ANSWERED_SECRETS: ReadonlySet<string> = new Set(['devices', 'mqtt', 'panel', 'calendar', 'notifications']);

/**
 * Fields provisioning writes itself, in some runs and not others (a certificate identity has no
 * username, no password): one it did not write this time is gone, not a hand edit to keep; so
 * is one of these sections when it wrote none (the broker no longer answered).
 */
const MANAGED: Record<string, readonly string[]> = {
  room: ['id', 'name', 'site', 'timezone', 'locale'],
  // panelTokens: written whenever it lists one; none left (the kiosk's gone, none by hand), it goes.
  api: ['listen', 'publicUrl', 'tokens', 'panelTokens'],
  storage: ['dir'],
  mqtt: ['url', 'ca', 'username', 'password', 'cert', 'key'],
};

/** A value the answers replaced: where, what it was and what it is now (a secret's are never printed). */
export interface Replaced {
  path: string;
  before: unknown;
  now: unknown;
}

/**
 * A rerun writes room.yaml and secrets.yaml again from the answers and what it found. What IT
 * wrote there by hand since is kept: a section the answers cannot say (`meetings`, `log`,
 * `panel.pairCodes` in secrets.yaml), a field added to a section (`mqtt.protocolVersion`), a
 * device entry's own fields (a display's `inputs`, a camera's `model`; entries matched by id,
 * what the probe read winning). A hand-written value the answers replace is named in `replaced`
 * so IT learns where it went and can answer it; keys keep the order of the file as it was.
 */
export function keepHandEdits(previous: Plain, written: Plain, replaced: Replaced[], at = '', inSecretsFile = false): Plain {
  const merged: Plain = {};
  const section = at.split('.')[0] || undefined;
  for (const [key, before] of Object.entries(previous)) {
    const path = at ? `${at}.${key}` : key;
    if (!(key in written)) {
      // A managed section not written at all (no broker answered) goes whole: its hand-added fields mean nothing alone.
      const managed = (MANAGED[at]?.includes(key) ?? false) || (!at && key in MANAGED);
      if (!managed && (inSecretsFile || !SECRET_FIELD.test(key))) merged[key] = before;
      continue;
    }
    const now = written[key];
    if (isPlain(before) && isPlain(now)) merged[key] = keepHandEdits(before, now, replaced, path, inSecretsFile);
    else if (path === 'devices' && Array.isArray(before) && Array.isArray(now)) merged[key] = keepDeviceFields(before, now);
    else {
      merged[key] = now;
      if (isDeepStrictEqual(before, now)) continue;
      if (inSecretsFile ? ANSWERED_SECRETS.has(section ?? key) : ANSWERED_SECTIONS.has(section ?? key) && key !== 'devices')
        replaced.push({ path, before, now });
    }
  }
  for (const [key, now] of Object.entries(written)) if (!(key in merged)) merged[key] = now;
  return merged;
}

/** Each written device entry with the fields IT added to the entry of the same id (what the probe read wins). */
function keepDeviceFields(before: unknown[], now: unknown[]): unknown[] {
  const byId = new Map(before.filter(isPlain).map((e) => [e.id, e]));
  return now.map((entry) => {
    const old = isPlain(entry) ? byId.get(entry.id) : undefined;
    return old && isPlain(entry) && old.driver === entry.driver ? keepHandEdits(old, entry, []) : entry;
  });
}

/**
 * secrets.yaml's hand edits (a panel's `pairCodes`, a device's login) kept the same way; a
 * device's secrets only while the config still has that device, or the room would refuse them.
 */
export function keepHandEditedSecrets(previous: Plain, written: Plain, deviceIds: readonly string[], replaced: Replaced[]): Plain {
  const devices = isPlain(previous.devices) ? Object.fromEntries(Object.entries(previous.devices).filter(([id]) => deviceIds.includes(id))) : undefined;
  const merged = keepHandEdits({ ...previous, ...(devices ? { devices } : {}) }, written, replaced, '', true);
  if (isPlain(merged.devices) && Object.keys(merged.devices).length === 0) delete merged.devices;
  return merged;
}
