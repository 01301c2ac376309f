/**
 * Tesira Text Protocol (TTP) as pure functions. Commands are `InstanceTag verb attribute
 * [index] [value]` lines; replies are `+OK [ "value":x ]`, `-ERR message`, and subscription
 * pushes `! "publishToken":"T" "value":x`. The server also echoes each command and greets
 * telnet sessions with a banner: both are lines the driver reads past. Parsers never throw.
 */
export const TESIRA_TELNET_PORT = 23;
export const TESIRA_MAX_LINE = 2048;
export const TESIRA_BANNER = 'Welcome to the Tesira Text Protocol Server...';

export type TtpValue = number | boolean | string;

export type TtpLine =
  | { kind: 'ok'; value: TtpValue | undefined; raw: string }
  | { kind: 'error'; message: string }
  | { kind: 'publish'; token: string; value: TtpValue | undefined }
  | { kind: 'banner' }
  | { kind: 'other'; line: string };

const TAG = /^[A-Za-z0-9_.-]{1,64}$/;
const TOKEN = /^[A-Za-z0-9_.-]{1,64}$/;
export type TtpVerb = 'get' | 'set' | 'increment' | 'decrement' | 'toggle' | 'subscribe' | 'unsubscribe';

export interface TtpCommand {
  instanceTag: string;
  verb: TtpVerb;
  attribute: string;
  /** Channel or index; absent for block-wide attributes. */
  index?: number;
  /** Value for set/increment/decrement; token for subscribe/unsubscribe. */
  value?: number | boolean | string;
  /** Minimum push interval for subscribe (ms). */
  rateMs?: number;
}

/** `Level1 set level 1 -10` + LF. Throws only on our own bugs (a tag with a space, say). */
export function encodeTtp(cmd: TtpCommand): string {
  if (!TAG.test(cmd.instanceTag)) throw new RangeError(`not a Tesira instance tag: ${JSON.stringify(cmd.instanceTag)}`);
  if (!/^[a-zA-Z]{1,32}$/.test(cmd.attribute)) throw new RangeError(`not a Tesira attribute: ${JSON.stringify(cmd.attribute)}`);
  const parts: string[] = [cmd.instanceTag, cmd.verb, cmd.attribute];
  if (cmd.index !== undefined) parts.push(String(cmd.index));
  if (cmd.value !== undefined) {
    if (typeof cmd.value === 'string' && !TOKEN.test(cmd.value)) throw new RangeError(`not a Tesira token: ${JSON.stringify(cmd.value)}`);
    if (typeof cmd.value === 'number' && !Number.isFinite(cmd.value)) throw new RangeError('a Tesira value must be finite');
    parts.push(String(cmd.value));
  }
  if (cmd.rateMs !== undefined) parts.push(String(Math.max(0, Math.round(cmd.rateMs))));
  return `${parts.join(' ')}\n`;
}

/** One line (CR and LF already removed) as a value. */
export function parseTtpLine(line: string): TtpLine {
  if (typeof line !== 'string') return { kind: 'other', line: String(line) };
  if (line.length > TESIRA_MAX_LINE) return { kind: 'other', line: line.slice(0, 64) };
  if (line.startsWith('Welcome to the Tesira Text Protocol Server')) return { kind: 'banner' };
  if (line === '+OK' || line.startsWith('+OK ')) {
    const rest = line.slice(3).trim();
    if (rest === '') return { kind: 'ok', value: undefined, raw: '' };
    const m = /^"value":(.*)$/s.exec(rest);
    return { kind: 'ok', value: m ? parseTtpValue(m[1]!) : undefined, raw: rest };
  }
  if (line.startsWith('-ERR')) return { kind: 'error', message: line.slice(4).trim() || 'unspecified error' };
  if (line.startsWith('! ')) {
    const m = /^! "publishToken":"([^"]{1,64})" "value":(.*)$/s.exec(line);
    if (m) return { kind: 'publish', token: m[1]!, value: parseTtpValue(m[2]!) };
  }
  return { kind: 'other', line };
}

/** `-10.000000` → -10, `true` → true, `"text"` → 'text'; anything else undefined. */
export function parseTtpValue(text: string): TtpValue | undefined {
  const t = text.trim();
  if (t === 'true') return true;
  if (t === 'false') return false;
  if (/^-?\d+(\.\d+)?([eE][-+]?\d+)?$/.test(t)) {
    const n = Number(t);
    return Number.isFinite(n) ? n : undefined;
  }
  const s = /^"([^"]*)"$/.exec(t);
  return s ? s[1] : undefined;
}

/** `+OK "list":["Level1" "Mute1"]` → the aliases; undefined when the line is not a list. */
export function parseAliasList(raw: string): string[] | undefined {
  const m = /^"list":\[(.*)\]$/s.exec(raw.trim());
  if (!m) return undefined;
  return [...m[1]!.matchAll(/"([^"]*)"/g)].map((x) => x[1]!);
}

/** The values Tesira prints: levels with six decimals, booleans as words. */
export function formatTtpValue(value: TtpValue): string {
  if (typeof value === 'number') return value.toFixed(6);
  if (typeof value === 'boolean') return String(value);
  return `"${value}"`;
}
