import { EventEmitter } from 'node:events';
import { access, stat } from 'node:fs/promises';
import { SerialPort } from 'serialport';
import { RoomctlError } from '../core/errors.js';
import type { Transport } from './transport.js';

const PRESENCE_CHECK_MS = 250;

export interface SerialOptions {
  path: string;
  baudRate: number;
}

/** A serial port (USB adapter, RS-232, or a socat PTY in tests) as a Transport. */
export class SerialTransport extends EventEmitter implements Transport {
  private port: SerialPort | undefined;
  private presenceTimer: NodeJS.Timeout | undefined;

  constructor(private readonly options: SerialOptions) {
    super();
  }

  get isOpen(): boolean {
    return this.port?.isOpen ?? false;
  }

  async open(): Promise<void> {
    const { path, baudRate } = this.options;
    // Checking first gives a clear "not found" instead of serialport's errno text.
    await access(path).catch(() => {
      throw new RoomctlError('ROOMCTL_E_PORT_NOT_FOUND', `Serial port ${path} does not exist`, { path });
    });
    // Which device node we open: a replug makes a new one at the same path (another PTY, a new ttyUSB node).
    const node = await stat(path).then(
      (s) => `${s.rdev}:${s.ino}`,
      () => undefined,
    );
    const port = new SerialPort({ path, baudRate, autoOpen: false });
    await new Promise<void>((resolve, reject) => {
      port.open((err) => {
        if (!err) return resolve();
        const busy = /lock|busy|EBUSY/i.test(err.message);
        reject(new RoomctlError(busy ? 'ROOMCTL_E_PORT_IN_USE' : 'ROOMCTL_E_CONNECT_FAILED', `Cannot open ${path}: ${err.message}`, { path }, { cause: err }));
      });
    });
    this.port = port;
    port.on('data', (chunk: Buffer) => this.emit('data', chunk));
    // serialport emits 'error' then 'close' on unplug; we report it once, through 'close'.
    let lastError: Error | undefined;
    port.on('error', (err: Error) => {
      lastError = err;
    });
    port.on('close', (err: Error | null) => this.lost(port, err ?? lastError));
    // serialport misses a hang-up that comes within a few ms of opening; a vanished device
    // node (USB adapter pulled, socat gone) is the unplug signal that never misses — and a
    // different node at the same path means it was pulled and put back between two checks.
    this.presenceTimer = setInterval(() => {
      stat(path).then(
        (s) => {
          if (node !== undefined && `${s.rdev}:${s.ino}` !== node) this.lost(port, new Error(`${path} was unplugged and plugged back in`));
        },
        () => this.lost(port, new Error(`${path} disappeared (unplugged)`)),
      );
    }, PRESENCE_CHECK_MS);
    this.presenceTimer.unref();
  }

  private lost(port: SerialPort, err: Error | undefined): void {
    if (this.port !== port) return;
    this.port = undefined;
    clearInterval(this.presenceTimer);
    if (port.isOpen) port.close(() => undefined);
    this.emit('close', err);
  }

  write(bytes: Uint8Array): Promise<void> {
    const port = this.port;
    if (!port?.isOpen) return Promise.reject(new RoomctlError('ROOMCTL_E_DEVICE_OFFLINE', `Serial port ${this.options.path} is not open`));
    return new Promise((resolve, reject) => {
      port.write(Buffer.from(bytes), (err) => (err ? reject(new RoomctlError('ROOMCTL_E_DEVICE_OFFLINE', err.message, undefined, { cause: err })) : resolve()));
    });
  }

  async close(): Promise<void> {
    const port = this.port;
    this.port = undefined;
    clearInterval(this.presenceTimer);
    if (!port?.isOpen) return;
    await new Promise<void>((resolve) => port.close(() => resolve()));
  }
}
