/**
 * LG commercial displays' RS-232 protocol as pure functions. A command is
 * `[k][c] [set id] [data]\r` (two command letters, ID and data in hex): `ka 01 01\r` turns
 * display 1 on. The display answers `[c] [set id] OK[data]x` or `[c] [set id] NG[data]x`; the
 * reply ends with `x`, not a line break. Parsers never throw.
 */
export const LG_COMMANDS = { power: 'ka', volume: 'kf', mute: 'ke', input: 'xb' } as const;
export type LgCommand = (typeof LG_COMMANDS)[keyof typeof LG_COMMANDS];

/** Input codes for `xb` (LG RS-232 table; commercial models). */
export const LG_INPUTS = { rgb: 0x60, dvi: 0x70, hdmi1: 0x90, hdmi2: 0x91, hdmi3: 0x92, displayport: 0xc0 } as const;
export type LgInput = keyof typeof LG_INPUTS;
export const LG_READ = 0xff;
export const LG_MAX_REPLY = 32;

export function lgInputName(code: number): LgInput | undefined {
  return (Object.keys(LG_INPUTS) as LgInput[]).find((k) => LG_INPUTS[k] === code);
}

const hex = (n: number) => n.toString(16).padStart(2, '0');

export function encodeLg(command: string, setId: number, data: number): string {
  if (!/^[a-z]{2}$/.test(command)) throw new RangeError(`not an LG command: ${JSON.stringify(command)}`);
  if (!Number.isInteger(setId) || setId < 0 || setId > 99 || !Number.isInteger(data) || data < 0 || data > 255)
    throw new RangeError('LG set id is 0..99 and data a byte');
  return `${command} ${hex(setId)} ${hex(data)}\r`;
}

export type LgReply = { kind: 'ok' | 'ng'; command: string; setId: number; data: number } | { kind: 'invalid'; text: string };

/** One reply without its `x`, e.g. `a 01 OK01`. Whitespace around it (CR, LF) is ignored. */
export function parseLgReply(text: string): LgReply {
  if (typeof text !== 'string') return { kind: 'invalid', text: String(text) };
  const m = /^([a-z]) ([0-9a-fA-F]{2}) (OK|NG)([0-9a-fA-F]{2})$/.exec(text.trim());
  if (!m) return { kind: 'invalid', text: text.slice(0, 40) };
  return { kind: m[3] === 'OK' ? 'ok' : 'ng', command: m[1]!, setId: parseInt(m[2]!, 16), data: parseInt(m[4]!, 16) };
}

/** Commands the simulator receives: `ka 01 01` (the CR already removed). */
export function parseLgCommand(text: string): { command: string; setId: number; data: number } | undefined {
  const m = /^([a-z]{2}) ([0-9a-fA-F]{2}) ([0-9a-fA-F]{2})$/.exec(text.trim());
  return m ? { command: m[1]!, setId: parseInt(m[2]!, 16), data: parseInt(m[3]!, 16) } : undefined;
}

export function encodeLgReply(command: string, setId: number, ok: boolean, data: number): string {
  return `${command[1]} ${hex(setId)} ${ok ? 'OK' : 'NG'}${hex(data)}x`;
}
