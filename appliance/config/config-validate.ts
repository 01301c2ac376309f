import type { TSchema } from '@sinclair/typebox';
import { Value, type ValueError } from '@sinclair/typebox/value';
import type { AnyDriverDefinition } from '../../drivers/core/definition.js';
import { deviceSchema, RoomConfigShape, type RoomConfig } from './config-schema.js';
import { cameraReferenceIssues } from './camera-references.js';

/** One problem in a config: where it is, what is wrong, and what would be right. */
export interface ConfigIssue {
  path: string;
  message: string;
  allowed?: string;
}

export type ConfigResult = { ok: true; config: RoomConfig } | { ok: false; issues: ConfigIssue[] };

/** `/devices/0/baudRate` → `devices[0].baudRate`, the way people read paths. */
export function readablePath(pointer: string, prefix = ''): string {
  const parts = pointer.split('/').filter(Boolean).map((p) => p.replace(/~1/g, '/').replace(/~0/g, '~'));
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

/** What the schema at an error accepts, said so a person can fix the field. */
export function allowedBy(schema: TSchema): string | undefined {
  const literals = literalsOf(schema);
  if (literals) return literals.map((v) => JSON.stringify(v)).join(', ');
  const parts: string[] = [];
  if (schema.type === 'integer' || schema.type === 'number') {
    parts.push(schema.type === 'integer' ? 'a whole number' : 'a number');
    if (schema.minimum !== undefined || schema.maximum !== undefined) parts.push(`${schema.minimum ?? '-∞'}..${schema.maximum ?? '∞'}`);
  } else if (schema.type === 'string') {
    parts.push('text');
    if (schema.minLength) parts.push(`at least ${schema.minLength} characters`);
    if (schema.pattern) parts.push(`matching ${schema.pattern}`);
  } else if (schema.type === 'object' && schema.properties) {
    parts.push(`an object with keys ${Object.keys(schema.properties).join(', ')}`);
  } else if (schema.type === 'array') {
    parts.push(schema.minItems ? `a list of at least ${schema.minItems}` : 'a list');
  } else if (typeof schema.type === 'string') {
    parts.push(schema.type === 'boolean' ? 'true or false' : `a ${schema.type}`);
  }
  if (schema.description) parts.push(`— ${schema.description}`);
  return parts.length ? parts.join(', ') : undefined;
}

function toIssues(schema: TSchema, value: unknown, prefix: string): ConfigIssue[] {
  const issues: ConfigIssue[] = [];
  const seen = new Set<string>();
  for (const error of Value.Errors(schema, value) as Iterable<ValueError>) {
    const path = readablePath(error.path, prefix);
    // A missing required field is reported by TypeBox twice (required + type); keep the first.
    if (seen.has(path)) continue;
    seen.add(path);
    const isUnknownKey = error.message.startsWith('Unexpected property');
    if (isUnknownKey) {
      const keys = Object.keys((error.schema as TSchema).properties ?? {});
      issues.push({ path, message: 'unknown key', allowed: keys.join(', ') });
    } else if (error.value === undefined) {
      issues.push({ path, message: 'is required', allowed: allowedBy(error.schema) });
    } else {
      issues.push({ path, message: error.message.replace(/^Expected union value$/, 'is not one of the allowed values'), allowed: allowedBy(error.schema) });
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

/**
 * Validates a parsed config (from YAML) and fills defaults. Every problem is reported at
 * once, each with its path, so one `roomctl config check` run is enough to fix a file.
 */
export function validateConfig(raw: unknown, drivers: readonly AnyDriverDefinition[]): ConfigResult {
  const value = Value.Default(RoomConfigShape, structuredClone(raw ?? {})) as Record<string, unknown>;
  const issues = toIssues(RoomConfigShape, value, '');
  const room = value.room as { timezone?: unknown } | undefined;
  if (typeof room?.timezone === 'string' && room.timezone && !isKnownTimezone(room.timezone)) {
    issues.push({ path: 'room.timezone', message: `unknown time zone "${room.timezone}"`, allowed: 'an IANA zone such as Asia/Shanghai, Europe/Berlin, UTC' });
  }
  const devices = Array.isArray(value.devices) ? value.devices : [];
  const ids = new Map<string, number>();
  devices.forEach((device: unknown, index: number) => {
    const at = `devices[${index}]`;
    if (typeof device !== 'object' || device === null || Array.isArray(device)) {
      issues.push({ path: at, message: 'must be an object with id and driver' });
      return;
    }
    const entry = device as Record<string, unknown>;
    const driver = drivers.find((d) => d.id === entry.driver);
    if (!driver) {
      const message = entry.driver === undefined ? 'is required' : `unknown driver ${JSON.stringify(entry.driver)}`;
      issues.push({ path: `${at}.driver`, message, allowed: drivers.map((d) => d.id).join(', ') });
      return;
    }
    const schema = deviceSchema(driver);
    devices[index] = Value.Default(schema, entry);
    issues.push(...toIssues(schema, devices[index], at));
    if (typeof entry.id === 'string') {
      const first = ids.get(entry.id);
      if (first !== undefined) issues.push({ path: `${at}.id`, message: `duplicate device id "${entry.id}" (also devices[${first}])` });
      else ids.set(entry.id, index);
    }
  });
  const cameraIds = devices.filter((d: { driver?: unknown }) => drivers.find((driver) => driver.id === d?.driver)?.kind === 'camera').map((d: { id?: unknown }) => String(d.id));
  // A camera id of the wrong form is already reported by the schema.
  for (const issue of cameraReferenceIssues(value, cameraIds)) if (!issues.some((i) => i.path === issue.path)) issues.push(issue);
  if (issues.length > 0) return { ok: false, issues };
  value.storage ??= { dir: '/var/lib/roomctl' };
  value.log ??= { level: 'info' };
  value.storage = Value.Default((RoomConfigShape.properties.storage as TSchema), value.storage);
  return { ok: true, config: value as unknown as RoomConfig };
}

export function formatIssue(issue: ConfigIssue): string {
  return `${issue.path}: ${issue.message}${issue.allowed ? ` (allowed: ${issue.allowed})` : ''}`;
}
