import type { ProbeAttempt, SerialProtocolProbe } from './serial-protocol.js';

/**
 * Samsung MDC frames: `AA cmd id len data… checksum`, the checksum being the low byte of the
 * sum of every byte after the 0xAA header. Replies: `AA FF id len A|N rcmd data… checksum`.
 */
export const MDC_HEADER = 0xaa;
export const MDC_STATUS = 0x00;

export function mdcFrame(command: number, id: number, data: readonly number[] = []): Uint8Array {
  const body = [command, id, data.length, ...data];
  const checksum = body.reduce((sum, b) => sum + b, 0) & 0xff;
  return Uint8Array.of(MDC_HEADER, ...body, checksum);
}

/** A whole reply frame at the start of `bytes` (after any noise before 0xAA), or undefined. */
export function findMdcReply(bytes: Buffer): { id: number; ack: boolean; command: number; data: Buffer } | undefined {
  const start = bytes.indexOf(MDC_HEADER);
  if (start < 0 || bytes.length - start < 5) return undefined;
  const frame = bytes.subarray(start);
  const length = frame[3]!;
  if (frame.length < 4 + length + 1) return undefined;
  const body = frame.subarray(1, 4 + length);
  const checksum = body.reduce((sum, b) => sum + b, 0) & 0xff;
  if (frame[1] !== 0xff || frame[4 + length] !== checksum || length < 2) return undefined;
  const marker = frame[4]!;
  if (marker !== 0x41 && marker !== 0x4e) return undefined;
  return { id: frame[2]!, ack: marker === 0x41, command: frame[5]!, data: Buffer.from(frame.subarray(6, 4 + length)) };
}

function attempt(id: number): ProbeAttempt {
  return {
    baudRate: 9600,
    label: `Samsung MDC status query to display id ${id} at 9600 baud`,
    request: mdcFrame(MDC_STATUS, id),
    complete: (bytes) => findMdcReply(bytes) !== undefined || bytes.length > 64,
    interpret(bytes) {
      const reply = findMdcReply(bytes);
      if (!reply || reply.command !== MDC_STATUS) return { ok: false, why: 'not a Samsung MDC reply (AA FF id len A/N 00 … checksum)' };
      // A NAK still proves an MDC display is there; only the status it would have sent is missing.
      const power = reply.ack && reply.data.length > 0 ? ` (power ${reply.data[0] === 1 ? 'on' : 'off'})` : reply.ack ? '' : ' (it refused the status query)';
      return { ok: true, settings: { baudRate: 9600, displayId: reply.id }, detail: `Samsung MDC: display id ${reply.id}${power}` };
    },
  };
}

/** Samsung displays answer the MDC status query; the id is 0 or 1 out of the box depending on the model. */
export const mdcProbe: SerialProtocolProbe = {
  protocol: 'Samsung MDC',
  driver: 'samsung-mdc',
  attempts: [attempt(1), attempt(0)],
};
