import { access } from 'node:fs/promises';
import { SerialTransport } from '../transports/serial-transport.js';

/** How often a simulator whose port vanished (PTY unplugged) looks for it again. */
const REOPEN_POLL_MS = 50;

export interface SerialEndpoint {
  write(bytes: Uint8Array): void;
  /** False while the port is gone and the simulator waits for it to come back. */
  readonly isOpen: boolean;
  close(): Promise<void>;
}

/**
 * The device side of a serial line for simulators: opens the PTY end, hands every chunk to
 * `onData`, and when the port vanishes waits for it to return, like a display whose cable was
 * pulled and plugged in again. `onReopen` lets the simulator reset its framing.
 */
export async function openSerialEndpoint(path: string, baudRate: number, onData: (chunk: Buffer) => void, onReopen?: () => void): Promise<SerialEndpoint> {
  let transport: SerialTransport | undefined;
  let closed = false;

  const open = async () => {
    const t = new SerialTransport({ path, baudRate });
    await t.open();
    t.on('data', onData);
    t.once('close', () => {
      transport = undefined;
      void reopen();
    });
    transport = t;
  };
  const reopen = async () => {
    while (!closed && !transport) {
      await new Promise((r) => setTimeout(r, REOPEN_POLL_MS));
      if (closed) return;
      const present = await access(path).then(
        () => true,
        () => false,
      );
      if (!present) continue;
      await open().then(
        () => onReopen?.(),
        () => undefined,
      );
    }
  };
  await open();
  return {
    write: (bytes) => void transport?.write(bytes).catch(() => undefined),
    get isOpen() {
      return transport !== undefined;
    },
    async close() {
      closed = true;
      await transport?.close();
      transport = undefined;
    },
  };
}
