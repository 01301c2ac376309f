import { createHash } from 'node:crypto';
import { DelimiterFramer } from '../transports/delimiter-framer.js';

/**
 * PJLink as pure functions: text in, values out; values in, text out. Nothing here touches a
 * socket, so everything can be unit-tested and fuzzed. Parsers never throw: a device is
 * outside our control, and a bad line must become a value the driver can decide about.
 */

export const PJLINK_PORT = 4352;
/** The spec caps a line at 136 bytes (class 2: a 128-byte body plus header); we allow slack. */
export const PJLINK_MAX_LINE = 256;

/** The class 2 search, sent on UDP 4352; each display answers `%2ACKN=<its MAC>`. */
export const PJLINK_SEARCH = '%2SRCH\r';

/**
 * `%2ACKN=00:11:22:33:44:55` → the MAC, anything else undefined. Written lower-case, colon
 * separated, as `ip neigh` and `arp -n` print it, whatever case the display used, so IT can
 * compare it with what the network says.
 */
export function parseSearchAck(text: string): string | undefined {
  const m = /^%2ACKN=([0-9A-Fa-f]{2}(?::[0-9A-Fa-f]{2}){5})\r?$/.exec(typeof text === 'string' ? text : '');
  return m ? m[1]!.toLowerCase() : undefined;
}

export type PjlinkClass = 1 | 2;
export type PjlinkErrorCode = 'ERR1' | 'ERR2' | 'ERR3' | 'ERR4';

export interface PjlinkCommand {
  /** Class of the command header (`%1` / `%2`). Class 2 commands need `%2`. */
  pjlinkClass: PjlinkClass;
  /** Four-character command body, e.g. `POWR`. */
  command: string;
  /** Parameter, `?` for a query. */
  param: string;
}

const COMMAND_NAME = /^[A-Z0-9]{4}$/;

/** The 32-hex digest that proves the password: MD5 of the greeting's random followed by the password. */
export function authDigest(random: string, password: string): string {
  return createHash('md5')
    .update(random + password, 'utf8')
    .digest('hex');
}

/**
 * `%1POWR 1\r`, optionally prefixed with the auth digest (only the first command of a
 * connection needs it). Throws only on our own bugs (a bad command name or a CR in a param),
 * never on anything a device sent.
 */
export function encodeCommand(cmd: PjlinkCommand, auth?: { random: string; password: string }): string {
  if (!COMMAND_NAME.test(cmd.command)) throw new RangeError(`not a PJLink command name: ${JSON.stringify(cmd.command)}`);
  if (/[\r\n]/.test(cmd.param)) throw new RangeError('a PJLink parameter cannot contain CR or LF');
  const body = `%${cmd.pjlinkClass}${cmd.command} ${cmd.param}\r`;
  return auth ? authDigest(auth.random, auth.password) + body : body;
}

export type PjlinkGreeting = { kind: 'open' } | { kind: 'auth'; random: string } | { kind: 'auth-failed' } | { kind: 'invalid'; line: string };

/** The first line a display sends on connect: `PJLINK 0`, `PJLINK 1 <random>` or `PJLINK ERRA`. */
export function parseGreeting(line: string): PjlinkGreeting {
  if (line === 'PJLINK 0') return { kind: 'open' };
  if (line === 'PJLINK ERRA') return { kind: 'auth-failed' };
  // The spec's random is 8 hex digits; some firmware sends other lengths, so accept any token.
  const auth = /^PJLINK 1 ([\x21-\x7e]{1,32})$/.exec(line);
  if (auth) return { kind: 'auth', random: auth[1]! };
  return { kind: 'invalid', line };
}

export type PjlinkResponse =
  | { kind: 'ok'; pjlinkClass: PjlinkClass; command: string }
  | { kind: 'value'; pjlinkClass: PjlinkClass; command: string; value: string }
  | { kind: 'error'; pjlinkClass: PjlinkClass; command: string; error: PjlinkErrorCode }
  | { kind: 'auth-failed' }
  | { kind: 'invalid'; line: string; reason: string };

const RESPONSE = /^%([12])([A-Z0-9]{4})=(.*)$/s;

/** One reply line (without its CR) as a value. Garbage becomes `{kind: 'invalid'}`. */
export function parseResponse(line: string): PjlinkResponse {
  if (typeof line !== 'string') return { kind: 'invalid', line: String(line), reason: 'not text' };
  if (line === 'PJLINK ERRA') return { kind: 'auth-failed' };
  if (line.length > PJLINK_MAX_LINE) return { kind: 'invalid', line: line.slice(0, 64), reason: 'line too long' };
  const m = RESPONSE.exec(line);
  if (!m) return { kind: 'invalid', line, reason: 'not a PJLink response' };
  const pjlinkClass = (m[1] === '2' ? 2 : 1) as PjlinkClass;
  const command = m[2]!;
  const value = m[3]!;
  if (/[\x00-\x1f\x7f]/.test(value)) return { kind: 'invalid', line, reason: 'control character in the value' };
  if (value === 'OK') return { kind: 'ok', pjlinkClass, command };
  if (value === 'ERR1' || value === 'ERR2' || value === 'ERR3' || value === 'ERR4') return { kind: 'error', pjlinkClass, command, error: value };
  return { kind: 'value', pjlinkClass, command, value };
}

// --- POWR ---------------------------------------------------------------------------------

export const POWER_STATES = { '0': 'standby', '1': 'on', '2': 'cooling', '3': 'warming' } as const;
export type PowerState = (typeof POWER_STATES)[keyof typeof POWER_STATES];

export function parsePowerState(value: string): PowerState | undefined {
  return Object.hasOwn(POWER_STATES, value) ? POWER_STATES[value as keyof typeof POWER_STATES] : undefined;
}

/** Warming and cooling pass by themselves; commands wait them out instead of failing. */
export function isTransitional(state: PowerState | undefined): boolean {
  return state === 'warming' || state === 'cooling';
}

// --- ERST ---------------------------------------------------------------------------------

export const ERROR_STATUS_FIELDS = ['fan', 'lamp', 'temperature', 'cover', 'filter', 'other'] as const;
export type ErrorStatusField = (typeof ERROR_STATUS_FIELDS)[number];
export type ErrorLevel = 'ok' | 'warning' | 'error';
export type ErrorStatus = Record<ErrorStatusField, ErrorLevel>;

const ERROR_LEVELS: Record<string, ErrorLevel> = { '0': 'ok', '1': 'warning', '2': 'error' };
const LEVEL_DIGIT: Record<ErrorLevel, string> = { ok: '0', warning: '1', error: '2' };

/** `ERST=020000` → `{fan: 'ok', lamp: 'error', ...}`; anything but six 0/1/2 digits → undefined. */
export function parseErrorStatus(value: string): ErrorStatus | undefined {
  if (!/^[012]{6}$/.test(value)) return undefined;
  const status = {} as ErrorStatus;
  ERROR_STATUS_FIELDS.forEach((field, i) => (status[field] = ERROR_LEVELS[value[i]!]!));
  return status;
}

export function encodeErrorStatus(status: ErrorStatus): string {
  return ERROR_STATUS_FIELDS.map((f) => LEVEL_DIGIT[status[f]]).join('');
}

/** Words for a person, worst first: `lamp error, filter warning`; empty when all is well. */
export function describeErrorStatus(status: ErrorStatus): string {
  const errors = ERROR_STATUS_FIELDS.filter((f) => status[f] === 'error').map((f) => `${f} error`);
  const warnings = ERROR_STATUS_FIELDS.filter((f) => status[f] === 'warning').map((f) => `${f} warning`);
  return [...errors, ...warnings].join(', ');
}

// --- LAMP ---------------------------------------------------------------------------------

export interface LampStatus {
  hours: number;
  on: boolean;
}

/** `LAMP=12345 1 200 0` → one entry per lamp; undefined when the pairs do not add up. */
export function parseLampStatus(value: string): LampStatus[] | undefined {
  const parts = value.split(' ');
  if (parts.length === 0 || parts.length % 2 !== 0 || parts.length > 16) return undefined;
  const lamps: LampStatus[] = [];
  for (let i = 0; i < parts.length; i += 2) {
    const hours = parts[i]!;
    const on = parts[i + 1]!;
    if (!/^\d{1,5}$/.test(hours) || (on !== '0' && on !== '1')) return undefined;
    lamps.push({ hours: Number(hours), on: on === '1' });
  }
  return lamps;
}

// --- INPT ---------------------------------------------------------------------------------

/**
 * Class 1 inputs are two digits: type 1 RGB, 2 video, 3 digital, 4 storage, 5 network, then
 * 1–9. Class 2 adds type 6 (internal) and allows 1–9 or A–Z as the second character.
 */
export function isValidInputCode(code: string, pjlinkClass: PjlinkClass): boolean {
  return pjlinkClass === 1 ? /^[1-5][1-9]$/.test(code) : /^[1-6][1-9A-Z]$/.test(code);
}

/** `INST=11 12 31` → the codes the display has; undefined if any is malformed. */
export function parseInputList(value: string): string[] | undefined {
  if (value === '') return [];
  const codes = value.split(' ');
  return codes.every((c) => isValidInputCode(c, 2)) ? codes : undefined;
}

// --- AVMT ---------------------------------------------------------------------------------

export interface MuteState {
  video: boolean;
  audio: boolean;
}

/**
 * AVMT parameters: first digit 1 video, 2 audio, 3 both; second 1 on, 0 off. A display
 * reports its state as one of them, so `10` and `20` read as "nothing we know is muted".
 */
export function parseMuteState(value: string): MuteState | undefined {
  switch (value) {
    case '11':
      return { video: true, audio: false };
    case '21':
      return { video: false, audio: true };
    case '31':
      return { video: true, audio: true };
    case '10':
    case '20':
    case '30':
      return { video: false, audio: false };
    default:
      return undefined;
  }
}

export function encodeMute(target: 'video' | 'audio' | 'both', on: boolean): string {
  return `${target === 'video' ? 1 : target === 'audio' ? 2 : 3}${on ? 1 : 0}`;
}

// --- framing -------------------------------------------------------------------------------

/**
 * Splits a byte stream into CR-terminated lines: a `DelimiterFramer` on CR, bounded the same
 * way (an overlong line is dropped up to its CR and counted in `discarded`, so a caller can
 * treat it as incoherence), with each line read as text. A stray LF (CRLF firmware) is
 * dropped rather than kept as part of the next line.
 */
export class LineFramer {
  private readonly framer: DelimiterFramer;

  constructor(maxLine = PJLINK_MAX_LINE) {
    this.framer = new DelimiterFramer(0x0d, maxLine);
  }

  get buffered(): number {
    return this.framer.buffered;
  }

  /** Overlong lines dropped so far. */
  get discarded(): number {
    return this.framer.discarded;
  }

  push(chunk: Uint8Array | string): string[] {
    const bytes = typeof chunk === 'string' ? Buffer.from(chunk, 'utf8') : chunk;
    return this.framer.push(bytes).map((line) => line.toString('utf8').replace(/\n/g, ''));
  }

  reset(): void {
    this.framer.reset();
  }
}
