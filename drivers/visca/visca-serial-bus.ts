import { EventEmitter } from 'node:events';
import type { DriverLogger } from '../core/definition.js';
import { RoomctlError } from '../core/errors.js';
import { SerialTransport } from '../transports/serial-transport.js';
import type { Transport } from '../transports/transport.js';
import { VISCA_COMMANDS as C, decodeReply, encode } from './visca-codec.js';
import { ViscaCommandChannel } from './visca-command-channel.js';
import { ViscaFrameParser } from './visca-frame-parser.js';

export interface ViscaSerialBusOptions {
  path: string;
  baudRate: number;
  log: DriverLogger;
  /** Tests can hand in a transport; default: the serial port at `path`. */
  transport?: Transport;
  ackTimeoutMs?: number;
}

/** What the chain said when the port was opened. */
export interface ViscaChain {
  cameras: number;
}

/** One bus per serial port path, shared by every device entry on that port. */
const BUSES = new Map<string, ViscaSerialBus>();

/**
 * The owner of one serial port with a VISCA daisy chain on it (up to 7 cameras). Each camera
 * is its own device in the config (same `port`, different `address`), so the port cannot
 * belong to any one driver: drivers lease the bus, the bus opens the port once, numbers the
 * chain once (address set, IF_Clear), and routes each reply to the camera it comes from.
 * Broadcast replies go to the bus's own channel. When the port goes away every camera on it
 * loses its link ('lost'); the bus closes the port when the last camera lets go.
 */
export class ViscaSerialBus extends EventEmitter {
  private readonly transport: Transport;
  private readonly parser = new ViscaFrameParser();
  private readonly cameras = new Map<number, ViscaCommandChannel>();
  private readonly chain: ViscaCommandChannel;
  private ready: Promise<ViscaChain> | undefined;
  private users = 0;
  private dead = false;

  /** Lease the bus for `path`, opening a new one if there is none (or the old one died). */
  static lease(options: ViscaSerialBusOptions): ViscaSerialBus {
    const existing = BUSES.get(options.path);
    if (existing && !existing.dead) {
      if (existing.options.baudRate !== options.baudRate) {
        throw new RoomctlError(
          'ROOMCTL_E_CONFIG_INVALID',
          `cameras on ${options.path} must share one baud rate: the port is open at ${existing.options.baudRate}, this camera asks for ${options.baudRate}`,
          { port: options.path, allowed: String(existing.options.baudRate) },
        );
      }
      existing.users++;
      return existing;
    }
    const bus = new ViscaSerialBus(options);
    bus.users = 1;
    BUSES.set(options.path, bus);
    return bus;
  }

  private constructor(private readonly options: ViscaSerialBusOptions) {
    super();
    this.transport = options.transport ?? new SerialTransport({ path: options.path, baudRate: options.baudRate });
    this.chain = new ViscaCommandChannel({
      address: 1, // broadcasts carry no address; replies from cameras never reach this channel
      write: (bytes) => this.write(bytes),
      onIncoherent: (error) => this.fail(error),
      log: options.log,
      ackTimeoutMs: options.ackTimeoutMs,
    });
    this.transport.on('data', (chunk: Buffer) => this.receive(chunk));
    this.transport.on('close', (err: Error | undefined) =>
      this.fail(new RoomctlError('ROOMCTL_E_DEVICE_OFFLINE', `serial port ${options.path} closed${err ? `: ${err.message}` : ''}`, { port: options.path })),
    );
  }

  get path(): string {
    return this.options.path;
  }

  /** Register the channel of the camera at `address`; two devices cannot claim one address. */
  attach(address: number, channel: ViscaCommandChannel): void {
    if (this.cameras.has(address)) {
      throw new RoomctlError('ROOMCTL_E_CONFIG_INVALID', `two devices claim VISCA address ${address} on ${this.options.path}`, {
        port: this.options.path,
        address,
      });
    }
    this.cameras.set(address, channel);
  }

  detach(address: number, channel: ViscaCommandChannel): void {
    if (this.cameras.get(address) === channel) this.cameras.delete(address);
  }

  /** Open the port and number the chain, once per bus; every camera awaits the same answer. */
  open(): Promise<ViscaChain> {
    if (!this.ready) {
      this.ready = this.openAndNumber();
      // A port that would not open is not reused: the next connect tries afresh.
      this.ready.catch(() => this.retire());
    }
    return this.ready;
  }

  write(bytes: Uint8Array): Promise<void> {
    return this.transport.write(bytes);
  }

  /** Give the lease back; the last one closes the port. */
  async release(): Promise<void> {
    this.users = Math.max(0, this.users - 1);
    if (this.users > 0) return;
    this.retire();
    this.chain.close(new RoomctlError('ROOMCTL_E_DEVICE_OFFLINE', `serial port ${this.options.path} closed`));
    this.transport.removeAllListeners();
    await this.transport.close().catch(() => undefined);
  }

  private async openAndNumber(): Promise<ViscaChain> {
    await this.transport.open();
    // Address set numbers the chain from the controller outwards; the last camera answers
    // with w = cameras + 1.
    const numbered = await this.chain.request({ kind: 'address_set', bytes: encode(C.addressSet), label: 'address set' });
    const cameras = numbered.status === 'done' ? (numbered.payload[0] ?? 0) : 0;
    // IF_Clear empties command buffers left over from before. Some clones do not echo it;
    // silence here is no reason to give up on the chain.
    await this.chain.request({ kind: 'if_clear', bytes: encode(C.ifClear), label: 'IF_Clear' }).catch((err: unknown) => {
      if (!(err instanceof RoomctlError && err.code === 'ROOMCTL_E_DEVICE_TIMEOUT')) throw err;
      this.options.log.debug('VISCA IF_Clear not echoed; continuing');
    });
    return { cameras };
  }

  private receive(chunk: Uint8Array): void {
    const droppedBefore = this.parser.droppedBytes;
    const frames = this.parser.push(chunk);
    const noise = this.parser.droppedBytes - droppedBefore;
    // Noise on a shared line cannot be pinned on one camera: every camera counts it.
    if (noise > 0) for (const channel of [...this.cameras.values()]) channel.noteIncoherence(`${noise} byte(s) of line noise`);
    for (const frame of frames) {
      const reply = decodeReply(frame);
      if (reply.kind === 'address_set' || reply.kind === 'if_clear') this.chain.handleFrame(frame);
      else if ('address' in reply) this.cameras.get(reply.address)?.handleFrame(frame);
      else for (const channel of [...this.cameras.values()]) channel.handleFrame(frame);
    }
  }

  /** The port is gone or the chain makes no sense: every camera on it loses its link. */
  private fail(error: RoomctlError): void {
    if (this.dead) return;
    this.retire();
    this.chain.close(error);
    this.emit('lost', error);
  }

  /** No new leases: the next camera to connect opens the port afresh. */
  private retire(): void {
    this.dead = true;
    if (BUSES.get(this.options.path) === this) BUSES.delete(this.options.path);
  }
}
