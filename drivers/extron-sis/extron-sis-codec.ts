/**
 * Extron SIS (Simple Instruction Set) as pure functions, written to read like the SIS
 * command/response tables of Extron's switcher manuals. A command is a few characters ended
 * by its command character (`1*2!`, `Q`); one that starts with Esc ends with CR. Every
 * response line ends with CR LF. Parsers never throw.
 */

/** SIS over Telnet. */
export const EXTRON_SIS_PORT = 23;
export const ESC = '\x1b';
/** Longest line a switcher sends that the driver reads (the copyright banner is the longest). */
export const EXTRON_MAX_LINE = 160;

export const SIS = {
  /** Tie input `input` (video and audio) to output `output`: `1*2!` → `Out2 In1 All`. */
  tie: (input: number, output: number) => `${input}*${output}!`,
  /** Input `input` to every output (on a one-output switcher: select it): `2!` → `In2 All`. */
  selectInput: (input: number) => `${input}!`,
  /** Firmware version: `Q` → `1.23`. */
  firmware: 'Q',
  /** Part number: `N` → `60-1234-01`. */
  partNumber: 'N',
  /** Information: `I` → the matrix size, `V8X4 A8X4`. */
  information: 'I',
  /** Verbose mode 3 (unasked messages and tagged answers): `Esc 3CV CR` → `Vrb3`. A Telnet session starts in mode 0. */
  verboseMode: (mode: 0 | 1 | 2 | 3) => `${ESC}${mode}CV\r`,
} as const;

/** Error replies of the SIS tables (`E10`), and what each means. */
const SIS_ERRORS: Readonly<Record<string, string>> = {
  E01: 'invalid input number',
  E10: 'invalid command',
  E11: 'invalid preset number',
  E12: 'invalid output number',
  E13: 'invalid value',
  E14: 'not valid for this configuration',
  E17: 'system timed out',
  E22: 'busy',
  E24: 'privilege violation',
  E25: 'device not present',
};

/** The prompt a password-protected switcher sends after its banner, with no line end. */
export const PASSWORD_PROMPT = 'Password:';

export type SisLine =
  /** `(c) Copyright 2008, Extron Electronics, SW4 3G, V1.02, 60-1234-01`: the first line of a session. */
  | { kind: 'copyright'; model: string; firmware?: string; partNumber?: string }
  /** The banner's second line, the switcher's clock: `Thu, 06 Dec 2026 10:15:00`. */
  | { kind: 'date' }
  | { kind: 'login'; level: 'administrator' | 'user' }
  /** A tie made (`Out2 In1 All`), by a command or, in verbose mode, at the front panel. */
  | { kind: 'tie'; output: number; input: number; signal: TieSignal }
  /** An input tied to every output (`In2 All`). */
  | { kind: 'all'; input: number; signal: TieSignal }
  | { kind: 'verbose'; mode: number }
  /** A front-panel switching operation on switchers that do not say which. */
  | { kind: 'qik' }
  | { kind: 'error'; code: string; meaning: string }
  | { kind: 'version'; version: string }
  | { kind: 'part-number'; partNumber: string }
  | { kind: 'size'; inputs: number; outputs: number }
  | { kind: 'unknown'; line: string };

type TieSignal = 'All' | 'Vid' | 'Aud' | 'RGB';

const number = (text: string) => Number.parseInt(text, 10);

/** One response line, its CR LF already taken off. */
export function parseSisLine(raw: string): SisLine {
  const line = typeof raw === 'string' ? raw.trim() : '';
  let m: RegExpExecArray | null;
  if ((m = /^(?:\(c\)|©) ?Copyright [^,]*, Extron Electronics, ([^,]+)(?:, V?([\d.]+))?(?:, (60-\d+-\d+))?/i.exec(line))) {
    return { kind: 'copyright', model: m[1]!.trim(), ...(m[2] ? { firmware: m[2] } : {}), ...(m[3] ? { partNumber: m[3] } : {}) };
  }
  if (/^[A-Z][a-z]{2}, \d{1,2} [A-Z][a-z]{2} \d{4} \d{1,2}:\d{2}:\d{2}/.test(line)) return { kind: 'date' };
  if ((m = /^Login (Administrator|User)$/i.exec(line))) return { kind: 'login', level: m[1]!.toLowerCase() === 'user' ? 'user' : 'administrator' };
  if ((m = /^Out(\d{1,3}) In(\d{1,3}) (All|Vid|Aud|RGB)$/.exec(line)))
    return { kind: 'tie', output: number(m[1]!), input: number(m[2]!), signal: m[3] as TieSignal };
  if ((m = /^In(\d{1,3}) (All|Vid|Aud|RGB)$/.exec(line))) return { kind: 'all', input: number(m[1]!), signal: m[2] as TieSignal };
  if ((m = /^Vrb(\d)$/.exec(line))) return { kind: 'verbose', mode: number(m[1]!) };
  if (line === 'Qik') return { kind: 'qik' };
  if ((m = /^E(\d{2})$/.exec(line))) return { kind: 'error', code: `E${m[1]}`, meaning: SIS_ERRORS[`E${m[1]}`] ?? 'unknown error' };
  // Tagged answers (verbose modes 2 and 3) carry a name before the value: `Ver01*1.23`, `Pno60-1234-01`.
  if ((m = /^(?:Ver\d*\*)?(\d+\.\d+(?:\.\d+)?)$/.exec(line))) return { kind: 'version', version: m[1]! };
  if ((m = /^(?:Pno)?(60-\d{3,4}-\d{2})$/.exec(line))) return { kind: 'part-number', partNumber: m[1]! };
  if ((m = /^V(\d{1,3})X(\d{1,3})(?: A\d{1,3}X\d{1,3})?$/.exec(line))) return { kind: 'size', inputs: number(m[1]!), outputs: number(m[2]!) };
  return { kind: 'unknown', line: line.slice(0, 60) };
}

/** How a switcher writes a number in its answers: as is, or zero-padded to two digits (CrossPoint, MAV Plus). */
export type NumberStyle = 'plain' | 'padded';
const write = (n: number, style: NumberStyle) => (style === 'padded' ? String(n).padStart(2, '0') : String(n));

/** The answers a switcher sends, for the simulator. */
export const sisReply = {
  copyright: (model: string, firmware: string, partNumber: string, year = 2024) =>
    `(c) Copyright ${year}, Extron Electronics, ${model}, V${firmware}, ${partNumber}\r\n`,
  date: (at: Date) => `${at.toUTCString().replace(' GMT', '')}\r\n`,
  tie: (output: number, input: number, style: NumberStyle = 'plain') => `Out${write(output, style)} In${write(input, style)} All\r\n`,
  all: (input: number, style: NumberStyle = 'plain') => `In${write(input, style)} All\r\n`,
  line: (text: string) => `${text}\r\n`,
};
