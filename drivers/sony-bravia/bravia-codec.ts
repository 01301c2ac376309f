/**
 * Sony BRAVIA Simple IP Control (professional displays and TVs, TCP 20060). Every message is
 * 24 bytes: `*S`, a type letter, a four-letter function, sixteen parameter characters, LF.
 *
 *   type  C control (to the display)   E enquiry (to the display)
 *         A answer (from the display)  N notification (from the display, unasked)
 *
 * A control is answered with sixteen `0` (done) or sixteen `F` (refused); an enquiry with the
 * value, sixteen `N` (nothing to report, e.g. no input) or sixteen `F`. An enquiry's own
 * parameter is sixteen `#`. Pure: strings in, messages out, and back.
 */
export const BRAVIA_PORT = 20060;
export const BRAVIA_MESSAGE_BYTES = 24;

export type BraviaType = 'C' | 'E' | 'A' | 'N';

export interface BraviaMessage {
  type: BraviaType;
  /** Four letters: POWR, INPT, VOLU, AMUT… */
  fn: string;
  /** Sixteen characters. */
  param: string;
}

/** The functions this driver uses, by what they do. */
export const BRAVIA_FUNCTIONS = { power: 'POWR', input: 'INPT', volume: 'VOLU', mute: 'AMUT' } as const;

export const DONE = '0'.repeat(16);
export const REFUSED = 'F'.repeat(16);
export const NOTHING = 'N'.repeat(16);
export const ASKING = '#'.repeat(16);

/**
 * Inputs by name → (kind, number) as the display numbers them: kind 1 HDMI, 3 composite,
 * 4 component, 5 screen mirroring, 6 PC (RGB). A display answers only the kinds it has.
 */
export const BRAVIA_INPUTS = {
  hdmi1: [1, 1],
  hdmi2: [1, 2],
  hdmi3: [1, 3],
  hdmi4: [1, 4],
  composite1: [3, 1],
  component1: [4, 1],
  mirroring: [5, 1],
  pc: [6, 1],
} as const satisfies Record<string, readonly [number, number]>;
export type BraviaInput = keyof typeof BRAVIA_INPUTS;

const pad = (n: number, width: number) => String(n).padStart(width, '0');

export function encodeBravia(message: BraviaMessage): string {
  if (!/^[A-Z]{4}$/.test(message.fn)) throw new RangeError(`a BRAVIA function is four capital letters, got ${JSON.stringify(message.fn)}`);
  if (message.param.length !== 16) throw new RangeError(`a BRAVIA parameter is sixteen characters, got ${message.param.length}`);
  return `*S${message.type}${message.fn}${message.param}\n`;
}

/** One message without its LF, or undefined when the bytes are not one. */
export function parseBravia(line: string): BraviaMessage | undefined {
  const m = /^\*S([CEAN])([A-Z]{4})([0-9A-Za-z#]{16})$/.exec(line);
  return m ? { type: m[1] as BraviaType, fn: m[2]!, param: m[3]! } : undefined;
}

export const control = (fn: string, param: string): BraviaMessage => ({ type: 'C', fn, param });
export const enquiry = (fn: string): BraviaMessage => ({ type: 'E', fn, param: ASKING });

/** A number as the sixteen decimal digits the display reads (volume 25 → 0000000000000025). */
export function numberParam(value: number): string {
  if (!Number.isInteger(value) || value < 0 || value > 9_999_999_999_999_999) throw new RangeError(`not a BRAVIA number: ${value}`);
  return pad(value, 16);
}

/** The decimal value of a parameter, or undefined for NNNN…/FFFF… and anything not digits. */
export function numberOf(param: string): number | undefined {
  return /^\d{16}$/.test(param) ? Number(param) : undefined;
}

export function inputParam(input: BraviaInput): string {
  const [kind, number] = BRAVIA_INPUTS[input];
  return `${pad(kind, 8)}${pad(number, 8)}`;
}

/** The input a parameter names, or undefined for one this driver has no name for. */
export function inputOf(param: string): BraviaInput | undefined {
  if (!/^\d{16}$/.test(param)) return undefined;
  const kind = Number(param.slice(0, 8));
  const number = Number(param.slice(8));
  return (Object.keys(BRAVIA_INPUTS) as BraviaInput[]).find((name) => BRAVIA_INPUTS[name][0] === kind && BRAVIA_INPUTS[name][1] === number);
}
