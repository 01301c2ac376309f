import type { DriverContext } from '../core/definition.js';
import { RoomctlError } from '../core/errors.js';
import { ViscaDriverBase } from './visca-driver-base.js';
import { VISCA_IP_PORT } from './visca-ip-header.js';
import type { ViscaLink } from './visca-link.js';
import type { ViscaModel } from './visca-profiles.js';
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
export class ViscaIpDriver extends ViscaDriverBase {
  private link: ViscaLink | undefined;

  constructor(
    private readonly config: ViscaIpConfig,
    ctx: DriverContext,
    private readonly options: ViscaIpDriverOptions = {},
  ) {
    super(ADDRESS, config.model, ctx, options.motionTimeoutMs);
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

  async connect(): Promise<void> {
    if (this.link) await this.disconnect();
    this.closing = false;
    const host = this.config.host;
    const link: ViscaLink =
      this.protocol === 'udp'
        ? new ViscaUdpLink({
            host,
            port: this.config.port ?? VISCA_IP_PORT,
            log: this.ctx.log,
            retransmitMs: this.options.retransmitMs,
            maxTries: this.options.maxTries,
          })
        : new ViscaTcpLink({ host, port: this.config.port ?? VISCA_TCP_DEFAULT_PORT });
    const channel = this.openChannel((bytes) => link.write(bytes), this.options);
    this.link = link;
    link.on('frame', (frame: Uint8Array) => channel.handleFrame(frame));
    link.on('noise', (reason: string) => channel.noteIncoherence(reason));
    link.on('rejected', (message: Uint8Array, error: RoomctlError) => {
      if (!channel.rejectAwaiting(message, error))
        this.ctx.log.warn({ code: error.code, err: error.message }, 'VISCA-over-IP control error for a message nobody waits for');
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
        ? new RoomctlError(
            'ROOMCTL_E_CONNECT_FAILED',
            `VISCA camera at ${this.endpoint} does not answer: ${err.message}`,
            { endpoint: this.endpoint },
            { cause: err },
          )
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

  protected get whereabouts(): string {
    return `at ${this.endpoint}`;
  }
}
