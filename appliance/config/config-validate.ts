import type { TSchema } from '@sinclair/typebox';
import { Value, type ValueError } from '@sinclair/typebox/value';
import type { AnyDriverDefinition } from '../../drivers/core/definition.js';
import { deviceSchema, RoomConfigShape, type RoomConfig } from './config-schema.js';
import { cameraReferenceIssues } from './camera-references.js';
import { addressIssues, configWarnings } from './config-network-checks.js';
import type { ConfigIssue } from './config-issue.js';
import { didYouMean } from './did-you-mean.js';

export type { ConfigIssue };

/** Warnings: the room starts, but something will not work as people expect (QR codes that phones cannot open). */
type ConfigResult = { ok: true; config: RoomConfig; warnings: ConfigIssue[] } | { ok: false; issues: ConfigIssue[] };

/** `/devices/0/baudRate` → `devices[0].baudRate`, the way people read paths. */
export function readablePath(pointer: string, prefix = ''): string {
  const parts = pointer
    .split('/')
    .filter(Boolean)
    .map((p) => p.replace(/~1/g, '/').replace(/~0/g, '~'));
  let out = prefix;
  for (const part of parts) out += /^\d+$/.test(part) ? `[${part}]` : out ? `.${part}` : part;
  return out || '(root)';
}

function literalsOf(schema: TSchema): unknown[] | undefined {
  if ('const' in schema) return [schema.const];
  if (Array.isArray(schema.enum)) return schema.enum;
  if (Array.isArray(schema.anyOf)) {
    const values = (schema.anyOf as TSchema[]).map((s) => ('const' in s ? s.const : undefined));
    if (values.every((v) => v !== undefined)) return values;
  }
  return undefined;
}

/** What the schema at an error accepts, said so a person can fix the field (never a raw pattern). */
export function allowedBy(schema: TSchema): string | undefined {
  const literals = literalsOf(schema);
  if (literals) return literals.map((v) => JSON.stringify(v)).join(', ');
  const parts: string[] = [];
  if (schema.type === 'integer' || schema.type === 'number') {
    parts.push(schema.type === 'integer' ? 'a whole number' : 'a number');
    if (schema.minimum !== undefined || schema.maximum !== undefined) parts.push(`${schema.minimum ?? '-∞'}..${schema.maximum ?? '∞'}`);
  } else if (schema.type === 'string') {
    parts.push(schema.minLength && schema.minLength > 1 ? `text of at least ${schema.minLength} characters` : 'text');
  } else if (schema.type === 'object' && schema.properties) {
    parts.push(`an object with keys ${Object.keys(schema.properties).join(', ')}`);
  } else if (schema.type === 'array') {
    parts.push(schema.minItems ? `a list of at least ${schema.minItems}` : 'a list');
  } else if (typeof schema.type === 'string') {
    parts.push(schema.type === 'boolean' ? 'true or false' : `a ${schema.type}`);
  }
  // Without its final full stop: the description ends up inside the parentheses of "(allowed: …)".
  const description = typeof schema.description === 'string' ? schema.description.replace(/\.$/, '') : undefined;
  if (!parts.length) return description;
  return description ? `${parts.join(', ')} — ${description}` : parts.join(', ');
}

/** TypeBox's words for a failed check, without the regular expressions and internals it may quote. */
function problemOf(error: ValueError): string {
  const message = error.message;
  if (message.startsWith('Expected union value')) return 'is not one of the allowed values';
  if (message.startsWith('Expected string to match')) return `${JSON.stringify(error.value)} is not in the expected form`;
  if (message.startsWith('Expected string length greater')) return 'is too short';
  if (message.startsWith('Expected string length less')) return 'is too long';
  return message.replace(/^Expected /, 'expected ');
}

/**
 * Every schema problem of a value, one per path, each with a "did you mean" when a known key
 * or allowed value is one typo away. Shared by the room config and provisioning's answers.
 */
export function schemaIssues(schema: TSchema, value: unknown, prefix = ''): ConfigIssue[] {
  const issues: ConfigIssue[] = [];
  const seen = new Set<string>();
  for (const error of Value.Errors(schema, value) as Iterable<ValueError>) {
    const path = readablePath(error.path, prefix);
    // A missing required field is reported by TypeBox twice (required + type); keep the first.
    if (seen.has(path)) continue;
    seen.add(path);
    if (error.message.startsWith('Unexpected property')) {
      const keys = Object.keys((error.schema as TSchema).properties ?? {});
      const typed = error.path.split('/').pop() ?? '';
      issues.push({ path, message: `unknown key${didYouMean(typed, keys)}`, allowed: keys.join(', ') });
    } else if (error.value === undefined) {
      issues.push({ path, message: 'is required', allowed: allowedBy(error.schema) });
    } else {
      const literals = literalsOf(error.schema)?.map(String) ?? [];
      issues.push({ path, message: `${problemOf(error)}${didYouMean(error.value, literals)}`, allowed: allowedBy(error.schema) });
    }
  }
  return issues;
}

function isKnownTimezone(tz: string): boolean {
  try {
    new Intl.DateTimeFormat('en', { timeZone: tz });
    return true;
  } catch {
    return false;
  }
}

/** The problem with a time zone, with the zone it most likely meant. */
export function timezoneIssue(path: string, tz: unknown): ConfigIssue | undefined {
  if (typeof tz !== 'string' || tz === '' || isKnownTimezone(tz)) return undefined;
  const zones = [...Intl.supportedValuesOf('timeZone'), 'UTC'];
  return { path, message: `unknown time zone "${tz}"${didYouMean(tz, zones)}`, allowed: 'an IANA zone such as Asia/Shanghai, Europe/Berlin, UTC' };
}

/**
 * Validates a parsed config (from YAML) and fills defaults. Every problem is reported at
 * once, each with its path, so one `roomctl config check` run is enough to fix a file.
 */
export function validateConfig(raw: unknown, drivers: readonly AnyDriverDefinition[]): ConfigResult {
  const value = Value.Default(RoomConfigShape, structuredClone(raw ?? {})) as Record<string, unknown>;
  const issues = schemaIssues(RoomConfigShape, value, '');
  const tzIssue = timezoneIssue('room.timezone', (value.room as { timezone?: unknown } | undefined)?.timezone);
  if (tzIssue) issues.push(tzIssue);
  const devices = Array.isArray(value.devices) ? value.devices : [];
  const ids = new Map<string, number>();
  // Devices whose driver is mistyped: their own line says so; references to them are not "no camera".
  const unknownDriverIds = new Set<string>();
  devices.forEach((device: unknown, index: number) => {
    const at = `devices[${index}]`;
    if (typeof device !== 'object' || device === null || Array.isArray(device)) {
      issues.push({ path: at, message: 'must be an object with id and driver' });
      return;
    }
    const entry = device as Record<string, unknown>;
    const driver = drivers.find((d) => d.id === entry.driver);
    if (!driver) {
      const driverIds = drivers.map((d) => d.id);
      const message = entry.driver === undefined ? 'is required' : `unknown driver ${JSON.stringify(entry.driver)}${didYouMean(entry.driver, driverIds)}`;
      if (typeof entry.id === 'string') unknownDriverIds.add(entry.id);
      issues.push({ path: `${at}.driver`, message, allowed: driverIds.join(', ') });
      return;
    }
    const schema = deviceSchema(driver);
    devices[index] = Value.Default(schema, entry);
    issues.push(...schemaIssues(schema, devices[index], at));
    if (typeof entry.id === 'string') {
      const first = ids.get(entry.id);
      if (first !== undefined) issues.push({ path: `${at}.id`, message: `duplicate device id "${entry.id}" (also devices[${first}])` });
      else ids.set(entry.id, index);
    }
  });
  const cameraIds = devices
    .filter((d: { driver?: unknown }) => drivers.find((driver) => driver.id === d?.driver)?.kind === 'camera')
    .map((d: { id?: unknown }) => String(d.id));
  // A camera id of the wrong form is already reported by the schema.
  for (const issue of cameraReferenceIssues(value, cameraIds)) {
    const named = /"(.*)"$/.exec(issue.message)?.[1];
    if (!issues.some((i) => i.path === issue.path) && !(named && unknownDriverIds.has(named))) issues.push(issue);
  }
  // Addresses the network stack would refuse at start: they replace the schema's vaguer line for the same field.
  for (const issue of addressIssues(value)) {
    const at = issues.findIndex((i) => i.path === issue.path);
    if (at >= 0) issues[at] = issue;
    else issues.push(issue);
  }
  if (issues.length > 0) return { ok: false, issues };
  value.storage ??= { dir: '/var/lib/roomctl' };
  value.log ??= { level: 'info' };
  value.storage = Value.Default(RoomConfigShape.properties.storage as TSchema, value.storage);
  return { ok: true, config: value as unknown as RoomConfig, warnings: configWarnings(value) };
}

export function formatIssue(issue: ConfigIssue): string {
  return `${issue.path}: ${issue.message}${issue.allowed ? ` (allowed: ${issue.allowed})` : ''}`;
}
