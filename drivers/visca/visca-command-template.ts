import { RoomctlError } from '../core/errors.js';

/**
 * A VISCA command written the way the protocol tables write it, so the code can be checked
 * against a manual by eye: `'8x 01 04 3F 02 {preset} FF'`.
 *
 * Tokens (space separated):
 * - `HH`         a fixed byte (hex)
 * - `8x`         the camera address byte, 0x80 | address (slot `address`, 1..7)
 * - `{name}`     a whole byte, 0..255
 * - `H{name}`    a fixed high nibble and a 4-bit slot (`2{speed}` is VISCA's `2p`)
 * - `{name:u16}` four bytes `0p 0q 0r 0s`, one nibble each, unsigned 0..65535
 * - `{name:s16}` the same, a 16-bit two's complement signed value -32768..32767
 *
 * Slot names are read from the template string by the type checker, so a missing or
 * misspelt parameter is a compile error, not a wrong byte on the wire.
 */
export class ViscaCommandTemplate<T extends string = string> {
  readonly tokens: readonly Token[];
  readonly length: number;

  constructor(readonly source: T) {
    this.tokens = source.split(' ').map(parseToken);
    this.length = this.tokens.reduce((sum, t) => sum + (t.kind === 'u16' || t.kind === 's16' ? 4 : 1), 0);
  }
}

type SlotName<S extends string> = S extends `${infer N}:${string}` ? N : S;
type NamedSlots<T extends string> = T extends `${string}{${infer Slot}}${infer Rest}` ? SlotName<Slot> | NamedSlots<Rest> : never;
/** The parameter names a template needs, `address` included when it starts with `8x`. */
export type SlotsOf<T extends string> = NamedSlots<T> | (T extends `8x ${string}` ? 'address' : never);
export type SlotValues<T extends string> = Record<SlotsOf<T>, number>;

type Token =
  | { kind: 'fixed'; value: number }
  | { kind: 'address' }
  | { kind: 'byte'; name: string }
  | { kind: 'nibble'; name: string; high: number }
  | { kind: 'u16'; name: string }
  | { kind: 's16'; name: string };

function parseToken(token: string): Token {
  if (token === '8x') return { kind: 'address' };
  if (/^[0-9A-F]{2}$/.test(token)) return { kind: 'fixed', value: parseInt(token, 16) };
  const slot = /^([0-9A-F]?)\{(\w+)(?::(u16|s16))?\}$/.exec(token);
  if (!slot) throw new Error(`bad VISCA template token '${token}'`);
  const [, high, name, wide] = slot as unknown as [string, string, string, 'u16' | 's16' | undefined];
  if (wide) return { kind: wide, name };
  if (high) return { kind: 'nibble', name, high: parseInt(high, 16) };
  return { kind: 'byte', name };
}

export function template<const T extends string>(source: T): ViscaCommandTemplate<T> {
  return new ViscaCommandTemplate(source);
}

const RANGES = { address: [1, 7], byte: [0, 0xff], nibble: [0, 0x0f], u16: [0, 0xffff], s16: [-0x8000, 0x7fff] } as const;

function checked(template: ViscaCommandTemplate, slot: string, range: readonly [number, number], value: unknown): number {
  if (typeof value !== 'number' || !Number.isInteger(value) || value < range[0] || value > range[1]) {
    throw new RoomctlError('ROOMCTL_E_ACTION_PARAMS', `VISCA ${slot} must be an integer ${range[0]}..${range[1]}, got ${String(value)}`, {
      command: template.source,
      slot,
      allowed: `${range[0]}..${range[1]}`,
    });
  }
  return value;
}

/** Four bytes `0p 0q 0r 0s`, most significant nibble first. */
export function toNibbles(value16: number): number[] {
  const v = value16 & 0xffff;
  return [(v >> 12) & 0x0f, (v >> 8) & 0x0f, (v >> 4) & 0x0f, v & 0x0f];
}

/**
 * Fill a template's slots. Throws ROOMCTL_E_ACTION_PARAMS for a value that does not fit its
 * slot: callers pass values derived from API input, and a wrong byte would be worse.
 */
export function encode<T extends string>(template: ViscaCommandTemplate<T>, ...[values]: [SlotsOf<T>] extends [never] ? [] : [SlotValues<T>]): Uint8Array {
  const v = (values ?? {}) as Record<string, number>;
  const out = new Uint8Array(template.length);
  let i = 0;
  for (const token of template.tokens) {
    switch (token.kind) {
      case 'fixed':
        out[i++] = token.value;
        break;
      case 'address':
        out[i++] = 0x80 | checked(template, 'address', RANGES.address, v.address);
        break;
      case 'byte':
        out[i++] = checked(template, token.name, RANGES.byte, v[token.name]);
        break;
      case 'nibble':
        out[i++] = (token.high << 4) | checked(template, token.name, RANGES.nibble, v[token.name]);
        break;
      case 'u16':
      case 's16':
        for (const n of toNibbles(checked(template, token.name, RANGES[token.kind], v[token.name]))) out[i++] = n;
        break;
    }
  }
  return out;
}

/**
 * The reverse of `encode`: if `frame` fits the template, its slot values; otherwise undefined.
 * Simulators use it so the camera reads exactly the bytes the driver writes.
 */
export function match<T extends string>(template: ViscaCommandTemplate<T>, frame: Uint8Array): SlotValues<T> | undefined {
  if (frame.length !== template.length) return undefined;
  const values: Record<string, number> = {};
  let i = 0;
  for (const token of template.tokens) {
    const b = frame[i++]!;
    switch (token.kind) {
      case 'fixed':
        if (b !== token.value) return undefined;
        break;
      case 'address':
        if (b >> 4 !== 0x8 || (b & 0x0f) < 1 || (b & 0x0f) > 7) return undefined;
        values.address = b & 0x0f;
        break;
      case 'byte':
        values[token.name] = b;
        break;
      case 'nibble':
        if (b >> 4 !== token.high) return undefined;
        values[token.name] = b & 0x0f;
        break;
      case 'u16':
      case 's16': {
        const nibbles = [b, frame[i++]!, frame[i++]!, frame[i++]!];
        if (nibbles.some((n) => n > 0x0f)) return undefined;
        const raw = nibbles.reduce((acc, n) => (acc << 4) | n, 0);
        values[token.name] = token.kind === 's16' && raw >= 0x8000 ? raw - 0x10000 : raw;
        break;
      }
    }
  }
  return values as SlotValues<T>;
}
