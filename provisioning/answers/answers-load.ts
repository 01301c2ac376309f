import { readFile } from 'node:fs/promises';
import type { TSchema } from '@sinclair/typebox';
import { Value, type ValueError } from '@sinclair/typebox/value';
import { parseDocument } from 'yaml';
import { RoomctlError } from '../../drivers/core/errors.js';
import { allowedBy, formatIssue, readablePath, type ConfigIssue } from '../../appliance/config/config-validate.js';
import { Answers, type ProvisionAnswers } from './answers-schema.js';

function isKnownTimezone(tz: string): boolean {
  try {
    new Intl.DateTimeFormat('en', { timeZone: tz });
    return true;
  } catch {
    return false;
  }
}

/** Every problem in a set of answers, each naming its field and what would be accepted. */
export function answerIssues(value: unknown): ConfigIssue[] {
  const issues: ConfigIssue[] = [];
  const seen = new Set<string>();
  for (const error of Value.Errors(Answers, value) as Iterable<ValueError>) {
    const path = readablePath(error.path);
    if (seen.has(path)) continue;
    seen.add(path);
    if (error.message.startsWith('Unexpected property')) {
      issues.push({ path, message: 'unknown key', allowed: Object.keys((error.schema as TSchema).properties ?? {}).join(', ') });
    } else {
      issues.push({ path, message: error.value === undefined ? 'is required' : error.message.replace(/^Expected union value$/, 'is not one of the allowed values'), allowed: allowedBy(error.schema) });
    }
  }
  const tz = (value as { room?: { timezone?: unknown } } | undefined)?.room?.timezone;
  if (typeof tz === 'string' && tz !== '' && !isKnownTimezone(tz)) {
    issues.push({ path: 'room.timezone', message: `unknown time zone "${tz}"`, allowed: 'an IANA zone such as Asia/Shanghai, Europe/Berlin, UTC' });
  }
  return issues;
}

/** Validates answers and fills defaults; throws ROOMCTL_E_ANSWERS_INVALID listing every bad field. */
export function validateAnswers(raw: unknown, source: string): ProvisionAnswers {
  const value = Value.Default(Answers, structuredClone(raw ?? {}));
  const issues = answerIssues(value);
  if (issues.length > 0) {
    throw new RoomctlError('ROOMCTL_E_ANSWERS_INVALID', `${source} has ${issues.length} bad answer(s):\n${issues.map((i) => `  ${formatIssue(i)}`).join('\n')}`, { issues });
  }
  return value as ProvisionAnswers;
}

export async function loadAnswersFile(path: string): Promise<ProvisionAnswers> {
  const text = await readFile(path, 'utf8').catch((err: NodeJS.ErrnoException) => {
    throw new RoomctlError('ROOMCTL_E_ANSWERS_INVALID', `Cannot read answers ${path}: ${err.code === 'ENOENT' ? 'no such file' : err.message}`, { path });
  });
  const doc = parseDocument(text, { prettyErrors: true, uniqueKeys: true });
  if (doc.errors.length > 0) {
    const first = doc.errors[0]!;
    const line = first.linePos?.[0];
    throw new RoomctlError('ROOMCTL_E_ANSWERS_INVALID', `${path}${line ? `:${line.line}:${line.col}` : ''}: not valid YAML: ${first.message.split('\n')[0]}`, { path });
  }
  return validateAnswers(doc.toJS(), path);
}
