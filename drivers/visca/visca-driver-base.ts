import type { DeviceDriver, DriverContext } from '../core/definition.js';
import { RoomctlError } from '../core/errors.js';
import { ViscaCameraActions } from './visca-camera-actions.js';
import { ViscaCommandChannel, type ViscaChannelOptions, type ViscaOutcome, type ViscaRequest } from './visca-command-channel.js';
import { viscaProfile, type ViscaModel } from './visca-profiles.js';

/**
 * What a VISCA camera driver does the same whatever carries its bytes: the camera's actions,
 * the watchdog, sending through the command channel and losing the link. A subclass opens
 * and closes its own link (a serial bus, a UDP or TCP socket) and names where the camera is.
 */
export abstract class ViscaDriverBase implements DeviceDriver {
  protected channel: ViscaCommandChannel | undefined;
  protected readonly actions: ViscaCameraActions;
  protected closing = false;
  /** Set once the handshake is done: before that, a failure fails connect() instead of losing a link. */
  protected connected = false;

  constructor(
    /** Camera address on its link, 1..7 (always 1 behind a socket). */
    readonly address: number,
    model: ViscaModel | undefined,
    protected readonly ctx: DriverContext,
    motionTimeoutMs: number | undefined,
  ) {
    this.actions = new ViscaCameraActions({
      address,
      model: model ?? 'generic',
      profile: viscaProfile(model),
      send: (request) => this.send(request),
      publishState: (patch) => this.ctx.publishState(patch),
      noteIncoherence: (reason) => this.channel?.noteIncoherence(reason),
      motionTimeoutMs: motionTimeoutMs ?? 30_000,
    });
  }

  /** Where the camera is, for messages: "at 10.0.0.5:52381", "on /dev/ttyUSB0". */
  protected abstract get whereabouts(): string;

  abstract connect(): Promise<void>;
  abstract disconnect(): Promise<void>;

  /** The channel, for tests and benchmarks that read its counters. */
  get currentChannel(): ViscaCommandChannel | undefined {
    return this.channel;
  }

  /** The camera's typed handler table (see ViscaCameraActions). */
  get handlers(): ViscaCameraActions['handlers'] {
    return this.actions.handlers;
  }

  async execute(action: string, params: Record<string, unknown>): Promise<unknown> {
    if (!this.channel) throw new RoomctlError('ROOMCTL_E_DEVICE_OFFLINE', `VISCA camera ${this.whereabouts} is not connected`);
    return this.actions.execute(action, params);
  }

  /** Watchdog: PowerInq, the cheapest question every VISCA camera answers. */
  async probe(): Promise<void> {
    this.ctx.publishState({ power: await this.actions.inquirePower() });
  }

  protected send(request: ViscaRequest): Promise<ViscaOutcome> {
    const channel = this.channel;
    if (!channel) return Promise.reject(new RoomctlError('ROOMCTL_E_DEVICE_OFFLINE', `VISCA camera ${this.whereabouts} is not connected`));
    return channel.request(request);
  }

  /**
   * This camera's command channel over a newly made link's `write`, with the driver's timeouts:
   * replies that stop making sense lose the link.
   */
  protected openChannel(
    write: (bytes: Uint8Array) => Promise<void>,
    timeouts: Pick<ViscaChannelOptions, 'ackTimeoutMs' | 'completionTimeoutMs'>,
  ): ViscaCommandChannel {
    const { ackTimeoutMs, completionTimeoutMs } = timeouts;
    this.channel = new ViscaCommandChannel({
      address: this.address,
      write,
      onIncoherent: (error) => this.lose(error),
      log: this.ctx.log,
      ackTimeoutMs,
      completionTimeoutMs,
    });
    return this.channel;
  }

  /** The link is gone or makes no sense: fail what is pending, tell the host, let go of the link. */
  protected lose(error: RoomctlError): void {
    if (this.closing) return;
    // During connect, closing the channel fails the handshake and connect() reports it.
    this.channel?.close(error);
    if (this.connected) this.ctx.linkLost(error);
    void this.disconnect();
  }
}
