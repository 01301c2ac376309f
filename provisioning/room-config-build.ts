import { randomBytes } from 'node:crypto';
import type { TObject } from '@sinclair/typebox';
import { stringify } from 'yaml';
import { RoomConfigShape, type DeviceConfig } from '../appliance/config/config-schema.js';
import type { ProvisionAnswers } from './answers/answers-schema.js';
import { answeredRecord, replacedOrigin, type AnsweredRecord } from './answered-record.js';
import { ANSWERED_SECRETS, ANSWERED_SECTIONS, keepHandEditedSecrets, keepHandEdits, type Replaced } from './hand-edits.js';
import type { Proposal } from './proposals.js';
import { type FreshWrite, rewriteYaml } from './yaml-rewrite.js';
import { inLineEnding, lineEndingOf } from './yaml-splice.js';

/** Field names whose values are secrets wherever they appear; they go to secrets.yaml. */
const SECRET_FIELD = /^(password|passphrase|secret|token|tokens|panelTokens|apiKey|clientSecret|commandKeys)$/i;

export interface RoomFiles {
  config: Record<string, unknown>;
  secrets: Record<string, unknown>;
  notes: string[];
  /** Where the admin PIN came from: answered, kept from the previous run, or generated now. */
  adminPin: { pin: string; source: 'answered' | 'kept' | 'generated' };
  /** The panel kiosk's own token (in `api.panelTokens`), when the mini-PC drives the panel. */
  kioskToken?: string;
  /** What this run wrote from the answers, for the next run to tell from IT's hand edits. */
  record: AnsweredRecord;
}

interface BuildInputs {
  answers: ProvisionAnswers;
  proposal: Proposal;
  /** Secrets a previous run wrote: reused so a rerun does not rotate tokens and passwords; IT's additions are kept. */
  previousSecrets: Record<string, unknown>;
  /** The room config as a previous run left it, with what IT changed since (kept where the answers do not say otherwise). */
  previousConfig: Record<string, unknown>;
  /** The token the kiosk a previous run set up opens the panel with. */
  previousKioskToken?: string;
  /** What the previous run wrote from its answers (none before records were kept). */
  previousRecord?: AnsweredRecord;
  /** Where the MQTT client certificate and key are, when the identity is a certificate and the signed certificate is in place. */
  mqttCertificate?: { cert: string; key: string };
  /** The broker CA as installed (copied next to the config). */
  mqttCa?: string;
  secretsFileName: string;
  /** The one URL phones reach the room at (answered, or this machine's LAN address); none on a machine without one. */
  publicUrl?: string;
}

type Plain = Record<string, unknown>;
const isPlain = (v: unknown): v is Plain => typeof v === 'object' && v !== null && !Array.isArray(v);

const newSecret = () => randomBytes(24).toString('base64url');
/** Six digits, uniform (rejection sampling: a plain modulo would favour the low ones). */
function newPin(): string {
  for (;;) {
    const n = randomBytes(4).readUInt32BE();
    if (n < 4_294_000_000) return String(n % 1_000_000).padStart(6, '0');
  }
}

export const defaultMqttUsername = (answers: ProvisionAnswers) => answers.mqtt?.username ?? `roomctl-${answers.room.site}-${answers.room.id}`;

/**
 * Moves secret fields out of a section into a parallel object. An answer may mark any value
 * secret as `{ secret: value }`, for sections whose secret fields this code cannot know.
 */
function splitSecrets(value: unknown, secrets: Plain): unknown {
  if (isPlain(value) && Object.keys(value).length === 1 && 'secret' in value) return { __secret: value.secret };
  if (!isPlain(value)) return value;
  const kept: Plain = {};
  for (const [k, v] of Object.entries(value)) {
    if (SECRET_FIELD.test(k)) {
      secrets[k] = isPlain(v) && 'secret' in v ? v.secret : v;
      continue;
    }
    const inner: Plain = {};
    const rest = splitSecrets(v, inner);
    if (isPlain(rest) && '__secret' in rest) secrets[k] = rest.__secret;
    else kept[k] = rest;
    if (Object.keys(inner).length > 0) secrets[k] = { ...(isPlain(secrets[k]) ? secrets[k] : {}), ...inner };
  }
  return kept;
}

const pick = (obj: unknown, ...path: string[]): unknown => path.reduce<unknown>((o, k) => (isPlain(o) ? o[k] : undefined), obj);

/**
 * `api.panelTokens`: the tokens IT listed there by hand, and the kiosk's own while the mini-PC
 * drives the panel — the one its kiosk.env opens with, kept on a rerun, else a new one (never a
 * token IT listed). The kiosk turned off, its token goes, said in a note: a device IT turned off
 * keeps no credential. The tokens listed by hand stay either way.
 */
function panelTokensOf(kiosk: boolean, previous: unknown, previousKioskToken: string | undefined, notes: string[]): { tokens: string[]; kiosk?: string } {
  const listed = Array.isArray(previous) ? previous.filter((t): t is string => typeof t === 'string') : [];
  const kioskListed = previousKioskToken !== undefined && listed.includes(previousKioskToken);
  if (kiosk) {
    if (kioskListed) return { tokens: listed, kiosk: previousKioskToken };
    const own = newSecret();
    return { tokens: [...listed, own], kiosk: own };
  }
  if (!kioskListed) return { tokens: listed };
  notes.push(
    `secrets.yaml: the kiosk is off (service.kiosk), so its token is removed from api.panelTokens: the room refuses it from now on (tokens listed there by hand stay); the kiosk goes with it: roomctl-kiosk.service is disabled and stopped, and it and kiosk.env are removed`,
  );
  return { tokens: listed.filter((t) => t !== previousKioskToken) };
}

/** The room config and its secrets, in a fixed key order so a rerun writes the same bytes. */
export function buildRoomFiles(inputs: BuildInputs): RoomFiles {
  const { answers, proposal, previousSecrets } = inputs;
  const notes: string[] = [];
  const secrets: Plain = {};
  const config: Plain = {
    room: { id: answers.room.id, name: answers.room.name, site: answers.room.site, timezone: answers.room.timezone, locale: answers.room.language ?? 'en' },
    api: { listen: answers.api?.listen ?? '0.0.0.0:8080', ...(inputs.publicUrl ? { publicUrl: inputs.publicUrl } : {}) },
    storage: { dir: answers.storage?.dir ?? '/var/lib/roomctl' },
  };
  const previousTokens = pick(previousSecrets, 'api', 'tokens');
  secrets.api = { tokens: Array.isArray(previousTokens) && previousTokens.length > 0 ? previousTokens : [newSecret()] };
  // The mini-PC's own panel opens with a token of its own, marked as the panel's: a booking freed on it was freed at the room.
  const panelTokens = panelTokensOf(answers.service?.kiosk === true, pick(previousSecrets, 'api', 'panelTokens'), inputs.previousKioskToken, notes);
  if (panelTokens.tokens.length > 0) (secrets.api as Plain).panelTokens = panelTokens.tokens;
  const previousPin = pick(previousSecrets, 'panel', 'adminPin');
  const adminPin: RoomFiles['adminPin'] = answers.panel?.adminPin
    ? { pin: answers.panel.adminPin, source: 'answered' }
    : typeof previousPin === 'string' && previousPin
      ? { pin: previousPin, source: 'kept' }
      : { pin: newPin(), source: 'generated' };
  secrets.panel = { adminPin: adminPin.pin };

  if (answers.mqtt) {
    const mqtt: Plain = { url: answers.mqtt.url };
    if (inputs.mqttCa) mqtt.ca = inputs.mqttCa;
    if ((answers.mqtt.identity ?? 'password') === 'password') {
      mqtt.username = defaultMqttUsername(answers);
      const previous = pick(previousSecrets, 'mqtt', 'password');
      secrets.mqtt = { password: answers.mqtt.password ?? (typeof previous === 'string' ? previous : newSecret()) };
    } else if (inputs.mqttCertificate) {
      mqtt.cert = inputs.mqttCertificate.cert;
      mqtt.key = inputs.mqttCertificate.key;
    }
    config.mqtt = mqtt;
  }

  // Sections other engineers own (calendar, notifications) are written only when this build's config has them.
  const sections = (RoomConfigShape as TObject).properties;
  for (const section of ['calendar', 'notifications'] as const) {
    const value = answers[section];
    if (value === undefined) continue;
    if (!(section in sections)) {
      notes.push(`${section}: answered, but this build's room config has no ${section} section; not written`);
      continue;
    }
    const sectionSecrets: Plain = {};
    // Published calendar URLs and chat webhook URLs carry their secret in the URL itself.
    const urlSecrets = section === 'calendar' ? ['url'] : ['webhooks'];
    const plain: Plain = {};
    for (const [k, v] of Object.entries(value)) {
      if (urlSecrets.includes(k)) sectionSecrets[k] = v;
      else plain[k] = v;
    }
    config[section] = splitSecrets(plain, sectionSecrets);
    if (Object.keys(sectionSecrets).length > 0) secrets[section] = sectionSecrets;
  }

  // A level IT set (debug, while chasing a fault) is IT's: written only on the first run.
  if (!isPlain(inputs.previousConfig.log)) config.log = { level: 'info' };
  const deviceSecrets: Plain = {};
  config.devices = proposal.devices.map(({ entry }) => {
    const own: Plain = {};
    const kept = splitSecrets(entry, own) as DeviceConfig;
    if (Object.keys(own).length > 0) deviceSecrets[entry.id] = own;
    return kept;
  });
  if (Object.keys(deviceSecrets).length > 0) secrets.devices = deviceSecrets;
  config.secrets = inputs.secretsFileName;
  const replaced: Replaced[] = [];
  const kept = keepHandEdits(inputs.previousConfig, config, replaced);
  for (const r of replaced)
    notes.push(`room.yaml: ${r.path}: ${shown(r.before)} → ${shown(r.now)} ${replacedWhy(replacedOrigin(inputs.previousRecord, 'config', r.path, r.before))}`);
  const deviceIds = proposal.devices.map((d) => d.entry.id);
  const replacedSecrets: Replaced[] = [];
  const keptSecrets = keepHandEditedSecrets(previousSecrets, secrets, deviceIds, replacedSecrets);
  // A secret's value is never printed: its path says which one went.
  for (const r of replacedSecrets)
    notes.push(
      replacedOrigin(inputs.previousRecord, 'secrets', r.path, r.before) === 'answers'
        ? `secrets.yaml: ${r.path}: the answers changed it (not shown; the previous run wrote the old value from its answers)`
        : `secrets.yaml: ${r.path}: the value written there was replaced by the answers' (not shown; the answers decide this field: to keep a value written there by hand, answer it)`,
    );
  return {
    config: kept,
    secrets: keptSecrets,
    record: answeredRecord({ config, secrets }, { config: ANSWERED_SECTIONS, secrets: ANSWERED_SECRETS }),
    notes,
    adminPin,
    ...(panelTokens.kiosk ? { kioskToken: panelTokens.kiosk } : {}),
  };
}

const shown = (v: unknown) => (typeof v === 'string' ? v : JSON.stringify(v));

/** Why a room.yaml value went, by where it came from: the previous run's answers, or IT's hand (also when no record says). */
const replacedWhy = (origin: ReturnType<typeof replacedOrigin>) =>
  origin === 'answers'
    ? '(the answers changed it: the previous run wrote the old value from its answers, or their default)'
    : '(the answers, or their default, decide this field: to keep a value written there by hand, answer it)';

/** A config file's text, and when the file as IT left it could not be edited in place, why and what that dropped. */
interface WrittenYaml {
  text: string;
  fresh?: FreshWrite;
}

const ROOM_HEADER =
  '# Room config written by `roomctl provision`. Check it with `roomctl config check`.\n# Secrets (tokens, passwords) are in the file named by `secrets`, readable only by the service user.\n';
const SECRETS_HEADER = '# Secrets of this room, merged into the room config at load. Mode 0600, owned by the service user.\n';

/** A kept file edited in place (its comments, quoting and spacing kept where the content did not change), or written fresh. */
function writeYaml(value: Record<string, unknown>, header: string, previous: string | undefined): WrittenYaml {
  // Written fresh over a file saved with Windows line endings, it keeps them like an edit would.
  const freshText = inLineEnding(`${header}${stringify(value, { lineWidth: 0 })}`, previous === undefined ? '\n' : lineEndingOf(previous));
  const rewrite = rewriteYaml(previous, value, freshText);
  return rewrite.text !== undefined ? { text: rewrite.text } : { text: freshText, ...(rewrite.fresh ? { fresh: rewrite.fresh } : {}) };
}

export const roomYaml = (config: Record<string, unknown>, previous?: string) => writeYaml(config, ROOM_HEADER, previous);
export const secretsYaml = (secrets: Record<string, unknown>, previous?: string) => writeYaml(secrets, SECRETS_HEADER, previous);

/**
 * What IT reads when a file it may have edited was written fresh: which file, how many of its
 * comments went, why, with the code; said only when something of IT's went (a readable file
 * without comments loses nothing IT wrote).
 */
export function freshWriteNote(fresh: FreshWrite | undefined, keptAt: string): string | undefined {
  if (!fresh || (fresh.comments === 0 && fresh.code !== 'ROOMCTL_E_KEPT_FILE_UNREADABLE')) return undefined;
  const lost = fresh.code === 'ROOMCTL_E_KEPT_FILE_UNREADABLE' ? `its hand edits and ${fresh.comments} comment(s)` : `${fresh.comments} comment(s)`;
  return `written fresh, ${lost} dropped, as the file as left ${fresh.why} (${fresh.code}); that file is kept as ${keptAt}`;
}
