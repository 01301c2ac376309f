import { isRoomctlError } from '../../drivers/core/errors.js';
import { replyDeadline } from '../../drivers/core/reply-deadline.js';
import { SerialTransport } from '../../drivers/transports/serial-transport.js';

/** What one question on a port got back. */
export type ExchangeReply =
  | { kind: 'reply'; bytes: Buffer }
  /** Bytes came, but never made a whole answer before the deadline. */
  | { kind: 'partial'; bytes: Buffer }
  | { kind: 'silent' }
  /** The port could not be opened; `code` as the transport said (ROOMCTL_E_PORT_IN_USE: another program holds it). */
  | { kind: 'error'; message: string; code?: string };

interface ExchangeOptions {
  path: string;
  baudRate: number;
  request: Uint8Array;
  /** True once `bytes` hold a whole answer (or are certainly not one), so the probe stops waiting. */
  complete(bytes: Buffer): boolean;
  timeoutMs: number;
}

/**
 * Opens a port, writes one request, and collects what comes back until `complete` says it
 * is whole or the deadline passes. The port is closed every time: a probe must never keep
 * a port that the appliance (or the next probe) needs. The deadline is a reply deadline: a
 * provisioning run held up on a busy room PC (installing packages meanwhile) reads the answer
 * waiting on the port before it calls the device silent.
 */
export async function serialExchange(options: ExchangeOptions): Promise<ExchangeReply> {
  const transport = new SerialTransport({ path: options.path, baudRate: options.baudRate });
  try {
    await transport.open();
  } catch (err) {
    return { kind: 'error', message: (err as Error).message, ...(isRoomctlError(err) ? { code: err.code } : {}) };
  }
  const chunks: Buffer[] = [];
  try {
    const done = new Promise<boolean>((resolve) => {
      const deadline = replyDeadline(options.timeoutMs, () => resolve(false));
      transport.on('data', (chunk: Buffer) => {
        chunks.push(chunk);
        if (options.complete(Buffer.concat(chunks))) {
          deadline.cancel();
          resolve(true);
        }
      });
      transport.once('close', () => {
        deadline.cancel();
        resolve(false);
      });
    });
    await transport.write(options.request).catch(() => undefined);
    const whole = await done;
    const bytes = Buffer.concat(chunks);
    if (whole) return { kind: 'reply', bytes };
    return bytes.length > 0 ? { kind: 'partial', bytes } : { kind: 'silent' };
  } finally {
    transport.removeAllListeners();
    await transport.close();
  }
}
