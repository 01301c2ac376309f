import { readFile, stat } from 'node:fs/promises';
import { dirname, isAbsolute, resolve } from 'node:path';
import { parseDocument } from 'yaml';
import { RoomctlError } from '../../drivers/core/errors.js';
import type { ConfigIssue } from './config-validate.js';

/**
 * Secrets live in their own file so the room config can be read, diffed and pasted into a
 * ticket while passwords and tokens stay readable only by the service user. The room config
 * names it (`secrets: secrets.yaml`, relative to the config's folder); it has the config's
 * shape for sections (`mqtt: {password}`, `api: {tokens}`), and `devices` keyed by device id
 * (`devices: {cam-rear: {password}}`) because a list cannot be merged by position safely.
 */
export interface LoadedSecrets {
  path: string;
  data: Record<string, unknown>;
}

type Plain = Record<string, unknown>;
const isPlainObject = (v: unknown): v is Plain => typeof v === 'object' && v !== null && !Array.isArray(v);

/** Where the secrets file of a config is, or undefined when the config names none. */
function secretsPathOf(raw: unknown, configPath: string): string | undefined {
  if (!isPlainObject(raw) || typeof raw.secrets !== 'string' || raw.secrets === '') return undefined;
  return isAbsolute(raw.secrets) ? raw.secrets : resolve(dirname(configPath), raw.secrets);
}

/** Same, from the config's text; a config that does not parse names none (the parser reports it). */
export function secretsPathInText(text: string, configPath: string): string | undefined {
  const doc = parseDocument(text);
  if (doc.errors.length > 0) return undefined;
  return secretsPathOf(doc.toJS() as unknown, configPath);
}

/**
 * Reads the secrets file named by a config. Refuses one that others can read, the way ssh
 * refuses a world-readable key: a secret that leaked through a loose mode is no secret.
 */
export async function loadSecretsFile(path: string, configPath: string): Promise<LoadedSecrets> {
  const info = await stat(path).catch((err: NodeJS.ErrnoException) => {
    throw new RoomctlError('ROOMCTL_E_CONFIG_NOT_FOUND', `Cannot read secrets file ${path} (named by ${configPath}): ${describeErrno(err)}`, { path });
  });
  if ((info.mode & 0o077) !== 0) {
    const mode = (info.mode & 0o777).toString(8).padStart(4, '0');
    throw new RoomctlError('ROOMCTL_E_CONFIG_INVALID', `${path}: readable by others (mode ${mode}); run: chmod 600 ${path}`, {
      issues: [{ path: 'secrets', message: `${path} has mode ${mode}; secrets must be readable by their owner only`, allowed: 'mode 0600 (or 0400)' }],
    });
  }
  const text = await readFile(path, 'utf8').catch((err: NodeJS.ErrnoException) => {
    throw new RoomctlError('ROOMCTL_E_CONFIG_NOT_FOUND', `Cannot read secrets file ${path} (named by ${configPath}): ${describeErrno(err)}`, { path });
  });
  const doc = parseDocument(text, { uniqueKeys: true });
  if (doc.errors.length > 0) {
    throw new RoomctlError('ROOMCTL_E_CONFIG_PARSE', `${path}: ${doc.errors[0]!.message.split('\n')[0]}`, { path });
  }
  const data: unknown = doc.toJS() ?? {};
  if (!isPlainObject(data))
    throw new RoomctlError('ROOMCTL_E_CONFIG_INVALID', `${path}: must be a map of config sections`, {
      issues: [{ path: 'secrets', message: 'must be a map of config sections' }],
    });
  return { path, data };
}

function describeErrno(err: NodeJS.ErrnoException): string {
  if (err.code === 'ENOENT') return 'no such file';
  if (err.code === 'EACCES') return 'permission denied (run as root or as the service user)';
  return err.message;
}

/**
 * Merges secrets into a parsed config. A field set in both files is a problem, not a
 * silent override: two values for one password is how rooms end up with the wrong one.
 */
export function mergeSecrets(raw: unknown, secrets: LoadedSecrets): { merged: unknown; issues: ConfigIssue[] } {
  const issues: ConfigIssue[] = [];
  if (!isPlainObject(raw)) return { merged: raw, issues };
  const merged = structuredClone(raw);
  for (const [key, value] of Object.entries(secrets.data)) {
    if (key === 'devices') mergeDeviceSecrets(merged, value, secrets.path, issues);
    else if (key === 'secrets') issues.push({ path: `${secrets.path}: secrets`, message: 'a secrets file cannot name another one' });
    else mergeInto(merged, key, value, key, secrets.path, issues);
  }
  return { merged, issues };
}

function mergeInto(target: Plain, key: string, value: unknown, at: string, source: string, issues: ConfigIssue[]): void {
  const existing = target[key];
  if (existing === undefined) {
    target[key] = value;
  } else if (isPlainObject(existing) && isPlainObject(value)) {
    for (const [k, v] of Object.entries(value)) mergeInto(existing, k, v, `${at}.${k}`, source, issues);
  } else {
    issues.push({ path: at, message: `set both in the room config and in ${source}; keep it in ${source} only` });
  }
}

function mergeDeviceSecrets(config: Plain, value: unknown, source: string, issues: ConfigIssue[]): void {
  if (!isPlainObject(value)) {
    issues.push({
      path: `${source}: devices`,
      message: 'must be a map from device id to its secret fields',
      allowed: 'devices: { cam-rear: { password: ... } }',
    });
    return;
  }
  const devices = Array.isArray(config.devices) ? (config.devices as unknown[]) : [];
  for (const [id, fields] of Object.entries(value)) {
    const index = devices.findIndex((d) => isPlainObject(d) && d.id === id);
    if (index < 0 || !isPlainObject(fields)) {
      issues.push({
        path: `${source}: devices.${id}`,
        message: index < 0 ? `no device "${id}" in the room config` : "must be a map of the device's secret fields",
      });
      continue;
    }
    const device = devices[index] as Plain;
    for (const [k, v] of Object.entries(fields)) mergeInto(device, k, v, `devices[${index}].${k}`, source, issues);
  }
}
