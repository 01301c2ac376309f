/**
 * Quoting for gst_parse_launch. Inside double quotes the launch lexer takes any character
 * but `"`, and `\"` as an escaped quote; the parser then strips the outer quotes and drops
 * one backslash before any character. So `\` → `\\` and `"` → `\"` keep every other
 * character literal — `!`, spaces, `name=`, `t.` all stay inside one property value.
 *
 * Three shapes cannot be written that way, and are refused rather than guessed at:
 *  - a trailing backslash: `"…\\"` ends in `\"`, which the lexer may read as an escaped
 *    quote and run on to the next quote in the description;
 *  - a leading `"`: GStreamer deserialises a string that starts (and ends) with a quote a
 *    second time, unwrapping it;
 *  - exactly `NULL`: deserialises to a null string.
 * Control characters (newlines included) and lone UTF-16 surrogates are refused too.
 * tests: launch-quote.property.test.ts round-trips arbitrary strings through the real parser.
 */
export class UnquotableValueError extends Error {
  constructor(readonly reason: string) {
    super(`value cannot be quoted for a pipeline: ${reason}`);
    this.name = 'UnquotableValueError';
  }
}

const CONTROL = /[\u0000-\u001f\u007f]/;
const LONE_SURROGATE = /[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/;

export function quoteLaunchValue(value: string): string {
  const problem = unquotableReason(value);
  if (problem) throw new UnquotableValueError(problem);
  return `"${value.replace(/[\\"]/g, (c) => `\\${c}`)}"`;
}

/** Why a value cannot be quoted, or null when it can. */
export function unquotableReason(value: string): string | null {
  if (CONTROL.test(value)) return 'contains control characters';
  if (LONE_SURROGATE.test(value)) return 'is not valid Unicode';
  if (value.endsWith('\\')) return 'ends with a backslash';
  if (value.startsWith('"')) return 'starts with a double quote';
  if (value === 'NULL') return 'is the reserved word NULL';
  if (value.length > 4096) return 'is longer than 4096 characters';
  return null;
}
