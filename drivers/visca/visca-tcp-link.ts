import { EventEmitter } from 'node:events';
import { RoomctlError } from '../core/errors.js';
import { TcpTransport } from '../transports/tcp-transport.js';
import { ViscaFrameParser } from './visca-frame-parser.js';
import type { ViscaLink } from './visca-link.js';

/**
 * Raw VISCA over TCP (PTZOptics and other cameras on port 5678 and the like): the serial
 * byte stream on a socket, no header, framed by the terminator as on a cable.
 */
export class ViscaTcpLink extends EventEmitter implements ViscaLink {
  private readonly transport: TcpTransport;
  private readonly parser = new ViscaFrameParser();

  constructor(private readonly o: { host: string; port: number; connectTimeoutMs?: number }) {
    super();
    this.transport = new TcpTransport({ host: o.host, port: o.port, connectTimeoutMs: o.connectTimeoutMs ?? 2000 });
  }

  async open(): Promise<void> {
    this.transport.on('data', (chunk: Buffer) => {
      const droppedBefore = this.parser.droppedBytes;
      const frames = this.parser.push(chunk);
      const noise = this.parser.droppedBytes - droppedBefore;
      if (noise > 0) this.emit('noise', `${noise} byte(s) that are not VISCA`);
      for (const frame of frames) this.emit('frame', frame);
    });
    this.transport.on('close', (err: Error | undefined) => {
      this.emit(
        'lost',
        new RoomctlError('ROOMCTL_E_DEVICE_OFFLINE', `VISCA camera at ${this.o.host}:${this.o.port} closed the connection${err ? `: ${err.message}` : ''}`, {
          host: this.o.host,
          port: this.o.port,
        }),
      );
    });
    await this.transport.open();
  }

  write(message: Uint8Array): Promise<void> {
    return this.transport.write(message);
  }

  async close(): Promise<void> {
    this.transport.removeAllListeners();
    await this.transport.close();
  }
}
