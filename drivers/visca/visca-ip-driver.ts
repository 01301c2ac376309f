import type { DeviceDriver, DriverContext } from '../core/definition.js';
import { RoomctlError } from '../core/errors.js';
import { ViscaCameraActions } from './visca-camera-actions.js';
import { ViscaCommandChannel, type ViscaOutcome, type ViscaRequest } from './visca-command-channel.js';
import { VISCA_IP_PORT } from './visca-ip-header.js';
import type { ViscaLink } from './visca-link.js';
import { viscaProfile, type ViscaModel } from './visca-profiles.js';
import type { ViscaTiming } from './visca-serial-driver.js';
import { ViscaTcpLink } from './visca-tcp-link.js';
import { ViscaUdpLink } from './visca-udp-link.js';

/** Raw VISCA over TCP has no registered port; 5678 is what PTZOptics and most clones use. */
export const VISCA_TCP_DEFAULT_PORT = 5678;

export interface ViscaIpConfig {
  host: string;
  port?: number;
  /** `udp`: Sony VISCA over IP (header, sequence numbers); `tcp`: raw VISCA on a socket. */
  protocol?: 'udp' | 'tcp';
  model?: ViscaModel;
}

export interface ViscaIpDriverOptions extends ViscaTiming {
  retransmitMs?: number;
  maxTries?: number;
}

/** A networked camera is always address 1: there is no chain behind a socket. */
const ADDRESS = 1;

/**
 * A VISCA camera on the network. connect(): open the link (UDP: RESET, so both ends count
 * from the start), then PowerInq proves the camera answers. The command channel, actions and
 * error handling are those of the serial driver; only the link differs.
 */
export class ViscaIpDriver implements DeviceDriver {
  private link: ViscaLink | undefined;
  private channel: ViscaCommandChannel | undefined;
  private readonly actions: ViscaCameraActions;
  private closing = false;
  private connected = false;

  constructor(
    private readonly config: ViscaIpConfig,
    private readonly ctx: DriverContext,
    private readonly options: ViscaIpDriverOptions = {},
  ) {
    this.actions = new ViscaCameraActions({
      address: ADDRESS,
      model: config.model ?? 'generic',
      profile: viscaProfile(config.model),
      send: (request) => this.send(request),
      publishState: (patch) => this.ctx.publishState(patch),
      noteIncoherence: (reason) => this.channel?.noteIncoherence(reason),
      motionTimeoutMs: options.motionTimeoutMs ?? 30_000,
    });
  }

  get protocol(): 'udp' | 'tcp' {
    return this.config.protocol ?? 'udp';
  }

  get endpoint(): string {
    return `${this.config.host}:${this.config.port ?? (this.protocol === 'udp' ? VISCA_IP_PORT : VISCA_TCP_DEFAULT_PORT)}`;
  }

  /** The link, for tests and benchmarks that read its counters. */
  get currentLink(): ViscaLink | undefined {
    return this.link;
  }

  get currentChannel(): ViscaCommandChannel | undefined {
    return this.channel;
  }

  async connect(): Promise<void> {
    if (this.link) await this.disconnect();
    this.closing = false;
    const host = this.config.host;
    const link: ViscaLink =
      this.protocol === 'udp'
        ? new ViscaUdpLink({ host, port: this.config.port ?? VISCA_IP_PORT, log: this.ctx.log, retransmitMs: this.options.retransmitMs, maxTries: this.options.maxTries })
        : new ViscaTcpLink({ host, port: this.config.port ?? VISCA_TCP_DEFAULT_PORT });
    const channel = new ViscaCommandChannel({
      address: ADDRESS,
      write: (bytes) => link.write(bytes),
      onIncoherent: (error) => this.lose(error),
      log: this.ctx.log,
      ackTimeoutMs: this.options.ackTimeoutMs,
      completionTimeoutMs: this.options.completionTimeoutMs,
    });
    this.link = link;
    this.channel = channel;
    link.on('frame', (frame: Uint8Array) => channel.handleFrame(frame));
    link.on('noise', (reason: string) => channel.noteIncoherence(reason));
    link.on('rejected', (message: Uint8Array, error: RoomctlError) => {
      if (!channel.rejectAwaiting(message, error)) this.ctx.log.warn({ code: error.code, err: error.message }, 'VISCA-over-IP control error for a message nobody waits for');
    });
    link.on('lost', (error: RoomctlError) => {
      if (this.link === link) this.lose(error);
    });
    try {
      await link.open();
      if (link instanceof ViscaUdpLink) await link.reset();
      const power = await this.actions.inquirePower();
      this.ctx.publishState({ power, protocol: this.protocol, endpoint: this.endpoint });
      this.connected = true;
    } catch (err) {
      await this.disconnect();
      throw err instanceof RoomctlError && err.code === 'ROOMCTL_E_DEVICE_TIMEOUT'
        ? new RoomctlError('ROOMCTL_E_CONNECT_FAILED', `VISCA camera at ${this.endpoint} does not answer: ${err.message}`, { endpoint: this.endpoint }, { cause: err })
        : err;
    }
  }

  async disconnect(): Promise<void> {
    this.closing = true;
    this.connected = false;
    const link = this.link;
    this.channel?.close(new RoomctlError('ROOMCTL_E_DEVICE_OFFLINE', `VISCA camera at ${this.endpoint} disconnected`));
    this.channel = undefined;
    this.link = undefined;
    if (!link) return;
    link.removeAllListeners();
    await link.close().catch(() => undefined);
  }

  /** The camera's typed handler table (see ViscaCameraActions). */
  get handlers(): ViscaCameraActions['handlers'] {
    return this.actions.handlers;
  }

  async execute(action: string, params: Record<string, unknown>): Promise<unknown> {
    if (!this.channel) throw new RoomctlError('ROOMCTL_E_DEVICE_OFFLINE', `VISCA camera at ${this.endpoint} is not connected`);
    return this.actions.execute(action, params);
  }

  /** Watchdog: PowerInq, the cheapest question every VISCA camera answers. */
  async probe(): Promise<void> {
    this.ctx.publishState({ power: await this.actions.inquirePower() });
  }

  private send(request: ViscaRequest): Promise<ViscaOutcome> {
    const channel = this.channel;
    if (!channel) return Promise.reject(new RoomctlError('ROOMCTL_E_DEVICE_OFFLINE', `VISCA camera at ${this.endpoint} is not connected`));
    return channel.request(request);
  }

  private lose(error: RoomctlError): void {
    if (this.closing) return;
    this.channel?.close(error);
    if (this.connected) this.ctx.linkLost(error);
    void this.disconnect();
  }
}
