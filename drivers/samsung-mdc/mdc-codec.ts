/**
 * Samsung MDC (Multiple Display Control) as pure functions. A command is
 * `AA cmd id len data… checksum`; the display answers `AA FF id len 'A' cmd values… checksum`
 * (ACK) or `AA FF id 03 'N' cmd error checksum` (NAK). The checksum is the byte sum of
 * everything after the 0xAA header, modulo 256. Parsers never throw.
 */
export const MDC_PORT = 1515;
/** A Samsung display's factory RS-232 speed. */
export const MDC_BAUD_RATE = 9600;
export const MDC_HEADER = 0xaa;
export const MDC_REPLY = 0xff;
export const ACK = 0x41; // 'A'
export const NAK = 0x4e; // 'N'

export const MDC_COMMANDS = { status: 0x00, power: 0x11, volume: 0x12, mute: 0x13, input: 0x14 } as const;

/** Input source codes (MDC protocol table 0x14). */
export const MDC_INPUTS = { pc: 0x14, dvi: 0x18, av: 0x0c, component: 0x08, hdmi1: 0x21, hdmi2: 0x23, displayport: 0x25, hdmi3: 0x31, hdmi4: 0x33 } as const;
export type MdcInput = keyof typeof MDC_INPUTS;

export function inputName(code: number): MdcInput | undefined {
  // HDMI1_PC (0x22) and HDMI2_PC (0x24) are the same connectors in PC mode.
  const normal = code === 0x22 ? 0x21 : code === 0x24 ? 0x23 : code;
  return (Object.keys(MDC_INPUTS) as MdcInput[]).find((k) => MDC_INPUTS[k] === normal);
}

export function checksum(bytes: Uint8Array): number {
  let sum = 0;
  for (const b of bytes) sum = (sum + b) & 0xff;
  return sum;
}

export function encodeMdc(cmd: number, id: number, data: readonly number[] = []): Buffer {
  if (!isByte(cmd) || !isByte(id) || data.length > 255 || !data.every(isByte)) throw new RangeError('MDC command, id and data must be bytes');
  const body = [cmd, id, data.length, ...data];
  return Buffer.from([MDC_HEADER, ...body, checksum(Uint8Array.from(body))]);
}

/** What a display sends back; `encodeMdcReply` is for the simulator. */
export function encodeMdcReply(id: number, cmd: number, reply: { ack: number[] } | { nak: number }): Buffer {
  const payload = 'ack' in reply ? [ACK, cmd, ...reply.ack] : [NAK, cmd, reply.nak];
  const body = [MDC_REPLY, id, payload.length, ...payload];
  return Buffer.from([MDC_HEADER, ...body, checksum(Uint8Array.from(body))]);
}

export type MdcFrame =
  | { kind: 'ack'; id: number; cmd: number; values: number[] }
  | { kind: 'nak'; id: number; cmd: number; error: number }
  | { kind: 'command'; id: number; cmd: number; data: number[] };

function isByte(n: number): boolean {
  return Number.isInteger(n) && n >= 0 && n <= 255;
}

/**
 * Finds frames in a byte stream. A frame whose checksum fails, or whose ACK/NAK body is
 * malformed, is skipped by resynchronising on the next 0xAA and counted in `rejected`, so a
 * driver can tell noise from silence. The buffer never exceeds one maximal frame.
 */
export class MdcFrameParser {
  private buffer: Buffer = Buffer.alloc(0);
  rejected = 0;

  get buffered(): number {
    return this.buffer.length;
  }

  push(chunk: Uint8Array): MdcFrame[] {
    this.buffer = Buffer.concat([this.buffer, Buffer.from(chunk)]);
    const frames: MdcFrame[] = [];
    for (;;) {
      const start = this.buffer.indexOf(MDC_HEADER);
      if (start === -1) {
        if (this.buffer.length) this.rejected++;
        this.buffer = Buffer.alloc(0);
        break;
      }
      if (start > 0) {
        this.rejected++;
        this.buffer = this.buffer.subarray(start);
      }
      if (this.buffer.length < 4) break;
      const len = this.buffer[3]!;
      const total = 4 + len + 1;
      if (this.buffer.length < total) break;
      const body = this.buffer.subarray(1, 4 + len);
      const frame = checksum(body) === this.buffer[4 + len] ? toFrame(this.buffer[1]!, this.buffer[2]!, [...this.buffer.subarray(4, 4 + len)]) : undefined;
      if (!frame) {
        this.rejected++;
        this.buffer = this.buffer.subarray(1); // resync on the next header byte
        continue;
      }
      frames.push(frame);
      this.buffer = this.buffer.subarray(total);
    }
    return frames;
  }

  reset(): void {
    this.buffer = Buffer.alloc(0);
  }
}

function toFrame(first: number, id: number, payload: number[]): MdcFrame | undefined {
  if (first !== MDC_REPLY) return { kind: 'command', id, cmd: first, data: payload };
  if (payload[0] === ACK && payload.length >= 2) return { kind: 'ack', id, cmd: payload[1]!, values: payload.slice(2) };
  if (payload[0] === NAK && payload.length === 3) return { kind: 'nak', id, cmd: payload[1]!, error: payload[2]! };
  return undefined;
}

export interface MdcStatus {
  power: boolean;
  volume: number;
  mute: boolean;
  input: MdcInput | undefined;
}

/** The status command's values: power, volume, mute, input, aspect, … */
export function parseStatus(values: number[]): MdcStatus | undefined {
  if (values.length < 4) return undefined;
  const [power, volume, mute, input] = values as [number, number, number, number];
  if (power > 1 || volume > 100 || mute > 1) return undefined;
  return { power: power === 1, volume, mute: mute === 1, input: inputName(input) };
}
