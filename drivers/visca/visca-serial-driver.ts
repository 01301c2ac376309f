import type { DeviceDriver, DriverContext } from '../core/definition.js';
import { RoomctlError } from '../core/errors.js';
import { SerialTransport } from '../transports/serial-transport.js';
import type { Transport } from '../transports/transport.js';
import { ViscaCameraActions } from './visca-camera-actions.js';
import { VISCA_COMMANDS as C, decodePowerPayload, encode, type PowerState } from './visca-codec.js';
import { ViscaCommandChannel, type ViscaOutcome, type ViscaRequest } from './visca-command-channel.js';
import { ViscaFrameParser } from './visca-frame-parser.js';
import { viscaProfile, type ViscaModel } from './visca-profiles.js';

export interface ViscaSerialConfig {
  port: string;
  baudRate: number;
  /** Camera address in the daisy chain, 1..7; the first camera is 1. */
  address?: number;
  model?: ViscaModel;
}

export interface ViscaTiming {
  /** Time for an ACK or an inquiry reply: cameras answer within tens of ms. */
  ackTimeoutMs?: number;
  /** Time from ACK to completion for quick commands. */
  completionTimeoutMs?: number;
  /** Time from ACK to completion for travel (preset recall, home, reset) and power on. */
  motionTimeoutMs?: number;
}

export interface ViscaSerialDriverOptions extends ViscaTiming {
  /** Tests and VISCA-over-other-links can hand in a transport; default: the serial port. */
  transport?: Transport;
}

/**
 * A VISCA camera on a serial line (RS-232/RS-422, USB adapter, or a PTY in tests).
 * connect(): address set → IF_Clear → PowerInq. Commands go through a two-socket channel;
 * the camera's refusals fail one command, a closed port or incoherent replies drop the link.
 */
export class ViscaSerialDriver implements DeviceDriver {
  readonly address: number;
  private transport: Transport | undefined;
  private channel: ViscaCommandChannel | undefined;
  private readonly parser = new ViscaFrameParser();
  private readonly actions: ViscaCameraActions;
  private closing = false;
  /** Set once the handshake is done: before that, a failure fails connect() instead of losing a link. */
  private connected = false;

  constructor(
    private readonly config: ViscaSerialConfig,
    private readonly ctx: DriverContext,
    private readonly options: ViscaSerialDriverOptions = {},
  ) {
    this.address = config.address ?? 1;
    this.actions = new ViscaCameraActions({
      address: this.address,
      model: config.model ?? 'generic',
      profile: viscaProfile(config.model),
      send: (request) => this.send(request),
      publishState: (patch) => this.ctx.publishState(patch),
      noteIncoherence: (reason) => this.channel?.noteIncoherence(reason),
      motionTimeoutMs: options.motionTimeoutMs ?? 30_000,
    });
  }

  async connect(): Promise<void> {
    if (this.transport) await this.disconnect();
    this.closing = false;
    this.parser.reset();
    const transport = this.options.transport ?? new SerialTransport({ path: this.config.port, baudRate: this.config.baudRate });
    const channel = new ViscaCommandChannel({
      address: this.address,
      write: (bytes) => transport.write(bytes),
      onIncoherent: (error) => this.lose(error),
      log: this.ctx.log,
      ackTimeoutMs: this.options.ackTimeoutMs,
      completionTimeoutMs: this.options.completionTimeoutMs,
    });
    this.transport = transport;
    this.channel = channel;
    transport.on('data', (chunk: Buffer) => this.receive(chunk));
    transport.on('close', (err: Error | undefined) => {
      if (this.transport !== transport || this.closing) return;
      this.lose(new RoomctlError('ROOMCTL_E_DEVICE_OFFLINE', `serial port ${this.config.port} closed${err ? `: ${err.message}` : ''}`, { port: this.config.port }));
    });
    try {
      await transport.open();
      await this.handshake();
      this.connected = true;
    } catch (err) {
      await this.disconnect();
      throw err;
    }
  }

  private async handshake(): Promise<void> {
    // Address set numbers the chain from the controller outwards; the last camera answers
    // with w = cameras + 1. A camera address beyond the chain can never answer.
    const chain = await this.ask({ kind: 'address_set', bytes: encode(C.addressSet), label: 'address set' });
    const cameras = chain[0] ?? 0;
    if (this.address > cameras) {
      throw new RoomctlError('ROOMCTL_E_CONNECT_FAILED', `camera address ${this.address} configured, but the chain on ${this.config.port} has ${cameras} camera(s)`, {
        port: this.config.port,
        cameras,
      });
    }
    // IF_Clear empties the cameras' command buffers left over from before. Some clones
    // do not echo it; silence here is not a reason to give up on the camera.
    await this.ask({ kind: 'if_clear', bytes: encode(C.ifClear), label: 'IF_Clear' }).catch((err: unknown) => {
      if (!(err instanceof RoomctlError && err.code === 'ROOMCTL_E_DEVICE_TIMEOUT')) throw err;
      this.ctx.log.debug('VISCA IF_Clear not echoed; continuing');
    });
    const power = await this.inquirePower();
    this.ctx.publishState({ power, address: this.address, cameras });
  }

  async disconnect(): Promise<void> {
    this.closing = true;
    this.connected = false;
    const transport = this.transport;
    this.channel?.close(new RoomctlError('ROOMCTL_E_DEVICE_OFFLINE', `VISCA camera on ${this.config.port} disconnected`));
    this.channel = undefined;
    this.transport = undefined;
    if (!transport) return;
    transport.removeAllListeners();
    await transport.close().catch(() => undefined);
  }

  async execute(action: string, params: Record<string, unknown>): Promise<unknown> {
    if (!this.channel) throw new RoomctlError('ROOMCTL_E_DEVICE_OFFLINE', `VISCA camera on ${this.config.port} is not connected`);
    return this.actions.execute(action, params);
  }

  /** Watchdog: PowerInq is the cheapest question every VISCA camera answers. */
  async probe(): Promise<void> {
    const power = await this.inquirePower();
    this.ctx.publishState({ power });
  }

  private async inquirePower(): Promise<PowerState> {
    const payload = await this.ask({ kind: 'inquiry', bytes: encode(C.powerInquiry, { address: this.address }), label: 'PowerInq' });
    const power = decodePowerPayload(payload);
    if (!power) {
      this.channel?.noteIncoherence('PowerInq answer is not on/standby');
      throw new RoomctlError('ROOMCTL_E_PROTOCOL', 'camera answered PowerInq with something that is not on/standby');
    }
    return power;
  }

  private send(request: ViscaRequest): Promise<ViscaOutcome> {
    const channel = this.channel;
    if (!channel) return Promise.reject(new RoomctlError('ROOMCTL_E_DEVICE_OFFLINE', `VISCA camera on ${this.config.port} is not connected`));
    return channel.request(request);
  }

  /** Send a handshake or inquiry and get its reply payload. */
  private async ask(request: ViscaRequest): Promise<Uint8Array> {
    const outcome = await this.send(request);
    return outcome.status === 'done' ? outcome.payload : new Uint8Array();
  }

  private receive(chunk: Uint8Array): void {
    const channel = this.channel;
    if (!channel) return;
    const droppedBefore = this.parser.droppedBytes;
    const frames = this.parser.push(chunk);
    const noise = this.parser.droppedBytes - droppedBefore;
    if (noise > 0) channel.noteIncoherence(`${noise} byte(s) of line noise`);
    for (const frame of frames) channel.handleFrame(frame);
  }

  /** The link is gone or makes no sense: fail what is pending, tell the host, let go of the port. */
  private lose(error: RoomctlError): void {
    if (this.closing) return;
    // During connect, closing the channel fails the handshake and connect() reports it.
    this.channel?.close(error);
    if (this.connected) this.ctx.linkLost(error);
    void this.disconnect();
  }
}
