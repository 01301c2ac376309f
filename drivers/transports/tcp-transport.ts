import { EventEmitter } from 'node:events';
import { Socket } from 'node:net';
import { RoomctlError } from '../core/errors.js';
import { replyDeadline } from '../core/reply-deadline.js';
import type { Transport } from './transport.js';

export interface TcpOptions {
  host: string;
  port: number;
  connectTimeoutMs?: number;
}

/** A TCP connection to a device as a Transport. */
export class TcpTransport extends EventEmitter implements Transport {
  private socket: Socket | undefined;

  constructor(private readonly options: TcpOptions) {
    super();
  }

  get isOpen(): boolean {
    return this.socket !== undefined && !this.socket.destroyed;
  }

  async open(): Promise<void> {
    const { host, port, connectTimeoutMs = 3000 } = this.options;
    const socket = new Socket();
    socket.setNoDelay(true);
    await new Promise<void>((resolve, reject) => {
      const fail = (err: Error) => {
        socket.destroy();
        reject(new RoomctlError('ROOMCTL_E_CONNECT_FAILED', `Cannot reach ${host}:${port}: ${err.message}`, { host, port }, { cause: err }));
      };
      // Counted in time the room was listening (reply-deadline.ts): a connection made while the room was held up is taken.
      const timer = replyDeadline(connectTimeoutMs, () => fail(new Error(`no answer within ${connectTimeoutMs} ms`)));
      socket.once('error', (err) => {
        timer.cancel();
        fail(err);
      });
      socket.connect(port, host, () => {
        timer.cancel();
        socket.removeAllListeners('error');
        resolve();
      });
    });
    this.socket = socket;
    socket.setKeepAlive(true, 10_000);
    socket.on('data', (chunk: Buffer) => this.emit('data', chunk));
    let lastError: Error | undefined;
    socket.on('error', (err) => {
      lastError = err;
    });
    socket.on('close', () => {
      if (this.socket !== socket) return;
      this.socket = undefined;
      this.emit('close', lastError ?? new Error(`${host}:${port} closed the connection`));
    });
  }

  write(bytes: Uint8Array | string): Promise<void> {
    const socket = this.socket;
    if (!socket || socket.destroyed)
      return Promise.reject(new RoomctlError('ROOMCTL_E_DEVICE_OFFLINE', `${this.options.host}:${this.options.port} is not connected`));
    return new Promise((resolve, reject) => {
      socket.write(typeof bytes === 'string' ? bytes : Buffer.from(bytes), (err) =>
        err ? reject(new RoomctlError('ROOMCTL_E_DEVICE_OFFLINE', err.message, undefined, { cause: err })) : resolve(),
      );
    });
  }

  async close(): Promise<void> {
    const socket = this.socket;
    this.socket = undefined;
    if (!socket || socket.destroyed) return;
    await new Promise<void>((resolve) => {
      socket.once('close', () => resolve());
      socket.end();
      setTimeout(() => socket.destroy(), 200).unref();
    });
  }
}
