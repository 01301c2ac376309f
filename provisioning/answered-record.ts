import { createHash } from 'node:crypto';
import { isDeepStrictEqual } from 'node:util';

type Plain = Record<string, unknown>;
const isPlain = (v: unknown): v is Plain => typeof v === 'object' && v !== null && !Array.isArray(v);

/**
 * What a run wrote from the answers (or their defaults), kept beside the config
 * (`LAYOUT.answeredRecord`): when the next run's answers replace a value, it tells one it
 * wrote itself (the answers changed) from one IT wrote there by hand. Secrets by digest only.
 */
export interface AnsweredRecord {
  config: Record<string, unknown>;
  secrets: Record<string, string>;
}

/** Where a replaced value came from: the previous run's answers, IT's hand, or no record says (a run before records were kept). */
type ReplacedOrigin = 'answers' | 'hand' | 'unknown';

const digest = (v: unknown) => createHash('sha256').update(JSON.stringify(v)).digest('hex');

/** Every value under these sections, by its dotted path (a list is one value, as the notes name it). */
function leaves(value: Plain, sections: ReadonlySet<string>, at = '', out: Record<string, unknown> = {}): Record<string, unknown> {
  for (const [key, v] of Object.entries(value)) {
    const path = at ? `${at}.${key}` : key;
    if (!at && !sections.has(key)) continue;
    if (isPlain(v)) leaves(v, sections, path, out);
    else out[path] = v;
  }
  return out;
}

export function answeredRecord(
  written: { config: Plain; secrets: Plain },
  sections: { config: ReadonlySet<string>; secrets: ReadonlySet<string> },
): AnsweredRecord {
  const secrets = Object.fromEntries(Object.entries(leaves(written.secrets, sections.secrets)).map(([path, v]) => [path, digest(v)]));
  return { config: leaves(written.config, sections.config), secrets };
}

/** A record as the previous run wrote it; undefined when there is none or it cannot be read (then no value is said to be IT's or the answers'). */
export function parseAnsweredRecord(text: string | undefined): AnsweredRecord | undefined {
  if (text === undefined) return undefined;
  try {
    const value: unknown = JSON.parse(text);
    return isPlain(value) && isPlain(value.config) && isPlain(value.secrets) ? (value as unknown as AnsweredRecord) : undefined;
  } catch {
    return undefined;
  }
}

export function replacedOrigin(record: AnsweredRecord | undefined, file: 'config' | 'secrets', path: string, before: unknown): ReplacedOrigin {
  if (!record) return 'unknown';
  const written = file === 'config' ? record.config[path] : record.secrets[path];
  if (written === undefined) return 'hand';
  return isDeepStrictEqual(written, file === 'config' ? before : digest(before)) ? 'answers' : 'hand';
}
