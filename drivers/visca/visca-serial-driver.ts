import type { DriverContext } from '../core/definition.js';
import { RoomctlError } from '../core/errors.js';
import type { Transport } from '../transports/transport.js';
import { ViscaDriverBase } from './visca-driver-base.js';
import type { ViscaModel } from './visca-profiles.js';
import { ViscaSerialBus } from './visca-serial-bus.js';

export interface ViscaSerialConfig {
  port: string;
  /** 9600 when not given: the VISCA default, and what a config without it is validated to. */
  baudRate?: number;
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
 * A VISCA camera on a serial line (RS-232/RS-422, USB adapter, or a PTY in tests), alone or
 * one of up to seven in a daisy chain. connect(): lease the port's bus (which opens the port
 * and numbers the chain once: address set → IF_Clear) → PowerInq. Commands go through a
 * two-socket channel; the camera's refusals fail one command, a closed port or incoherent
 * replies drop the link.
 */
export class ViscaSerialDriver extends ViscaDriverBase {
  private bus: ViscaSerialBus | undefined;
  private onBusLost: ((error: RoomctlError) => void) | undefined;

  constructor(
    private readonly config: ViscaSerialConfig,
    ctx: DriverContext,
    private readonly options: ViscaSerialDriverOptions = {},
  ) {
    super(config.address ?? 1, config.model, ctx, options.motionTimeoutMs);
  }

  async connect(): Promise<void> {
    if (this.bus) await this.disconnect();
    this.closing = false;
    const bus = ViscaSerialBus.lease({
      path: this.config.port,
      baudRate: this.config.baudRate ?? 9600,
      log: this.ctx.log,
      transport: this.options.transport,
      ackTimeoutMs: this.options.ackTimeoutMs,
    });
    const channel = this.openChannel((bytes) => bus.write(bytes), this.options);
    this.bus = bus;
    this.onBusLost = (error: RoomctlError) => {
      if (this.bus === bus) this.lose(error);
    };
    bus.on('lost', this.onBusLost);
    try {
      bus.attach(this.address, channel);
      await this.handshake(await bus.open());
      this.connected = true;
    } catch (err) {
      await this.disconnect();
      throw err;
    }
  }

  private async handshake(chain: { cameras: number }): Promise<void> {
    // A camera address beyond the chain can never answer.
    if (this.address > chain.cameras) {
      throw new RoomctlError(
        'ROOMCTL_E_CONNECT_FAILED',
        `camera address ${this.address} configured, but the chain on ${this.config.port} has ${chain.cameras} camera(s)`,
        {
          port: this.config.port,
          cameras: chain.cameras,
        },
      );
    }
    const power = await this.actions.inquirePower();
    this.ctx.publishState({ power, address: this.address, cameras: chain.cameras });
  }

  async disconnect(): Promise<void> {
    this.closing = true;
    this.connected = false;
    const bus = this.bus;
    const channel = this.channel;
    channel?.close(new RoomctlError('ROOMCTL_E_DEVICE_OFFLINE', `VISCA camera on ${this.config.port} disconnected`));
    this.channel = undefined;
    this.bus = undefined;
    if (!bus) return;
    if (channel) bus.detach(this.address, channel);
    // Other cameras of the chain listen on the same bus: take off only this driver's listener.
    if (this.onBusLost) bus.off('lost', this.onBusLost);
    this.onBusLost = undefined;
    await bus.release();
  }

  protected get whereabouts(): string {
    return `on ${this.config.port}`;
  }
}
