import { readFile } from 'node:fs/promises';
import { Value } from '@sinclair/typebox/value';
import { parseDocument, type YAMLError } from 'yaml';
import { RoomctlError } from '../../drivers/core/errors.js';
import { formatIssue, schemaIssues, timezoneIssue, type ConfigIssue } from '../../appliance/config/config-validate.js';
import { addressIssues } from '../../appliance/config/config-network-checks.js';
import { RoomConfigShape } from '../../appliance/config/config-schema.js';
import { Answers, type ProvisionAnswers } from './answers-schema.js';
import { faultPlace, yamlFaultOf } from '../yaml-fault.js';

/** Every problem in a set of answers, each naming its field and what would be accepted. */
export function answerIssues(value: unknown): ConfigIssue[] {
  const issues = schemaIssues(Answers, value);
  issues.push(...copiedSectionIssues(value));
  const tz = timezoneIssue('room.timezone', (value as { room?: { timezone?: unknown } } | undefined)?.room?.timezone);
  if (tz) issues.push(tz);
  for (const issue of addressIssues(value && typeof value === 'object' ? (value as Record<string, unknown>) : {})) {
    const at = issues.findIndex((i) => i.path === issue.path);
    if (at >= 0) issues[at] = issue;
    else if (!issue.path.startsWith('meetings.')) issues.push(issue);
  }
  return issues;
}

type Plain = Record<string, unknown>;
const isPlain = (v: unknown): v is Plain => typeof v === 'object' && v !== null && !Array.isArray(v);
/** Sections whose values are copied into the config as they are: a `{ secret }` there sends the value to secrets.yaml. */
const KEEP_MARKED = new Set(['calendar', 'notifications']);

/**
 * Any answers value may be written `{ secret: value }`. Elsewhere than in the sections copied
 * as they are, the mark is taken off here: the fields that are secrets (passwords, the PIN)
 * go to secrets.yaml whatever their form, and the schema then sees the plain value.
 */
function unwrapSecretMarks(value: unknown, depth = 0): unknown {
  if (!isPlain(value)) return Array.isArray(value) ? value.map((v) => unwrapSecretMarks(v, depth + 1)) : value;
  const keys = Object.keys(value);
  if (keys.length === 1 && keys[0] === 'secret') return value.secret;
  const out: Plain = {};
  for (const [k, v] of Object.entries(value)) out[k] = depth === 0 && KEEP_MARKED.has(k) ? v : unwrapSecretMarks(v, depth + 1);
  return out;
}

/**
 * The sections copied into the room config as they are, checked by the config's own schema
 * here: a bad calendar URL is refused at its question (or before any probe), not after the
 * probes, when every answer typed at the prompt would be lost with the refusal.
 */
function copiedSectionIssues(value: unknown): ConfigIssue[] {
  if (!isPlain(value)) return [];
  return [...KEEP_MARKED].flatMap((section) =>
    value[section] === undefined
      ? []
      : schemaIssues(RoomConfigShape.properties[section as 'calendar' | 'notifications'], unwrapSecretMarks(value[section], 1), section),
  );
}

/** Validates answers and fills defaults; throws ROOMCTL_E_ANSWERS_INVALID listing every bad field. */
export function validateAnswers(raw: unknown, source: string): ProvisionAnswers {
  const value = Value.Default(Answers, unwrapSecretMarks(structuredClone(raw ?? {})));
  const issues = answerIssues(value);
  if (issues.length > 0) {
    throw new RoomctlError(
      'ROOMCTL_E_ANSWERS_INVALID',
      `${source} has ${issues.length} bad answer(s):\n${issues.map((i) => `  ${formatIssue(i)}`).join('\n')}`,
      { issues },
    );
  }
  return value as ProvisionAnswers;
}

/** Why an answers file cannot be read, in words: "does not exist", "is a folder, not a file"… */
function unreadable(err: NodeJS.ErrnoException): string {
  if (err.code === 'ENOENT') return 'does not exist';
  if (err.code === 'EISDIR') return 'is a folder, not a file';
  if (err.code === 'EACCES' || err.code === 'EPERM') return 'cannot be read: permission denied';
  return `cannot be read: ${err.message}`;
}

/**
 * A file the YAML parser refused is not a set of bad answers (there are none to list) but a
 * line to fix: where, what the parser met, and the line itself with a caret under the spot.
 */
function notYaml(path: string, error: YAMLError): RoomctlError {
  const fault = yamlFaultOf(error);
  return new RoomctlError('ROOMCTL_E_ANSWERS_PARSE', `The answers file ${path} is not valid YAML${faultPlace(fault)}: ${fault.what}${fault.excerpt}`, {
    path,
    ...(fault.line ? { line: fault.line, column: fault.column } : {}),
  });
}

export async function loadAnswersFile(path: string): Promise<ProvisionAnswers> {
  const text = await readFile(path, 'utf8').catch((err: NodeJS.ErrnoException) => {
    // Not a bad answer but no answers at all: its own code, so the next step is about the file.
    throw new RoomctlError('ROOMCTL_E_ANSWERS_NOT_FOUND', `The answers file ${path} ${unreadable(err)}`, { path });
  });
  const doc = parseDocument(text, { prettyErrors: true, uniqueKeys: true });
  if (doc.errors.length > 0) throw notYaml(path, doc.errors[0]!);
  return validateAnswers(doc.toJS(), path);
}
