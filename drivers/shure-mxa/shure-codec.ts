/**
 * Shure MXA910/MXA920 command strings (TCP 2202) as pure functions. Every message is
 * `< WORDS >`; replies are `< REP [nn] NAME value >`, meters `< SAMPLE aaa bbb ... >`, and a
 * command the device does not understand gets `< REP ERR >`. Parsers never throw.
 */

export const SHURE_PORT = 2202;
/** The longest reply we know is a padded 32-char name in braces; allow slack. */
export const SHURE_MAX_MESSAGE = 512;
/** MXA910 has 8 lobes (channels); MXA920 has 8 as well. */
export const SHURE_CHANNELS = 8;
/** AUDIO_GAIN_HI_RES: 0000–1400 in 0.1 dB steps, 1100 = 0 dB. */
export const GAIN_RAW_MAX = 1400;
export const GAIN_RAW_ZERO_DB = 1100;
/** Meter samples are 000–060: dBFS + 60. */
export const METER_OFFSET_DB = 60;

export type ShureMessage =
  | { kind: 'rep'; channel: number | undefined; name: string; value: string }
  | { kind: 'sample'; levels: number[] }
  | { kind: 'error' }
  | { kind: 'invalid'; text: string; reason: string };

const NAME = /^[A-Z][A-Z0-9_]*$/;

export function encodeGet(name: string, channel?: number): string {
  return `< GET ${channelPart(channel)}${checkName(name)} >`;
}

export function encodeSet(name: string, value: string | number, channel?: number): string {
  const text = String(value);
  if (/[<>\r\n]/.test(text)) throw new RangeError('a Shure value cannot contain < > or line breaks');
  return `< SET ${channelPart(channel)}${checkName(name)} ${text} >`;
}

function channelPart(channel: number | undefined): string {
  if (channel === undefined) return '';
  if (!Number.isInteger(channel) || channel < 0 || channel > 99) throw new RangeError(`channel must be 0..99, got ${channel}`);
  return `${String(channel).padStart(2, '0')} `;
}

function checkName(name: string): string {
  if (!NAME.test(name)) throw new RangeError(`not a Shure command name: ${JSON.stringify(name)}`);
  return name;
}

/** One message's text: everything between `<` and `>` (the framer splits on `>`). */
export function parseShureMessage(raw: string): ShureMessage {
  if (typeof raw !== 'string') return { kind: 'invalid', text: String(raw), reason: 'not text' };
  if (raw.length > SHURE_MAX_MESSAGE) return { kind: 'invalid', text: raw.slice(0, 64), reason: 'message too long' };
  const start = raw.indexOf('<');
  if (start === -1) return { kind: 'invalid', text: raw, reason: 'no < in the message' };
  const body = raw.slice(start + 1).trim();
  if (/[\x00-\x1f\x7f<]/.test(body)) return { kind: 'invalid', text: raw, reason: 'control character or stray < in the message' };
  const words = body.split(/ +/);
  if (words[0] === 'SAMPLE') {
    const values = words.slice(1);
    if (values.length === 0 || values.length > 32 || !values.every((v) => /^\d{1,3}$/.test(v)))
      return { kind: 'invalid', text: raw, reason: 'bad SAMPLE values' };
    return { kind: 'sample', levels: values.map((v) => Number(v) - METER_OFFSET_DB) };
  }
  if (words[0] !== 'REP') return { kind: 'invalid', text: raw, reason: 'not a REP or SAMPLE' };
  if (body === 'REP ERR') return { kind: 'error' };
  // Values keep their inner spaces ({padded names}); only the framing blanks go.
  const m = /^REP +(?:(\d{2}) +)?([A-Z][A-Z0-9_]*)(?: +(.*))?$/s.exec(body);
  if (!m) return { kind: 'invalid', text: raw, reason: 'no command name' };
  return { kind: 'rep', channel: m[1] === undefined ? undefined : Number(m[1]), name: m[2]!, value: m[3] ?? '' };
}

/** `ON`/`OFF` → boolean; anything else → undefined. */
export function parseOnOff(value: string): boolean | undefined {
  return value === 'ON' ? true : value === 'OFF' ? false : undefined;
}

/** Raw AUDIO_GAIN_HI_RES → dB, or undefined when out of range. */
export function gainRawToDb(value: string): number | undefined {
  if (!/^\d{1,4}$/.test(value)) return undefined;
  const raw = Number(value);
  if (raw > GAIN_RAW_MAX) return undefined;
  return (raw - GAIN_RAW_ZERO_DB) / 10;
}

/** dB → raw, clamped to the device's range (-110..+30 dB). */
export function gainDbToRaw(db: number): string {
  const raw = Math.round(db * 10) + GAIN_RAW_ZERO_DB;
  return String(Math.min(GAIN_RAW_MAX, Math.max(0, raw))).padStart(4, '0');
}

/** `{MXA910                          }` → `MXA910`. */
export function unbrace(value: string): string {
  const m = /^\{(.*)\}$/s.exec(value.trim());
  return (m ? m[1]! : value).trim();
}
