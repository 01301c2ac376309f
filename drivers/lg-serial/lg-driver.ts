import type { ActionHandlers } from '../core/action-handlers.js';
import type { DisplayCapabilities } from '../core/capabilities.js';
import type { DriverContext } from '../core/definition.js';
import { RoomctlError } from '../core/errors.js';
import { DelimiterFramer } from '../transports/delimiter-framer.js';
import type { MatchResult } from '../transports/request-queue.js';
import { RequestReplyDriver } from '../transports/request-reply-driver.js';
import { SerialTransport } from '../transports/serial-transport.js';
import type { LinkOptions } from '../transports/transport.js';
import { LG_COMMANDS, LG_INPUTS, LG_MAX_REPLY, LG_READ, encodeLg, lgInputName, parseLgReply, type LgInput, type LgReply } from './lg-codec.js';

export interface LgDriverOptions extends Omit<LinkOptions, 'connectTimeoutMs'> {
  port: string;
  baudRate?: number;
  /** The display's Set ID (menu: Settings > Set ID), 1..99. */
  setId?: number;
}

type Ok = Exclude<LgReply, { kind: 'invalid' }>;

/**
 * LG displays over RS-232. Strict request/reply; the reply ends with `x`. An `NG` is the set
 * refusing (standby, bad value) and keeps the link; a vanished port is a lost link.
 */
export class LgDriver extends RequestReplyDriver<LgReply> {
  private readonly framer = new DelimiterFramer(0x78 /* x */, LG_MAX_REPLY);
  private readonly setId: number;

  constructor(
    private readonly options: LgDriverOptions,
    ctx: DriverContext,
  ) {
    const where = options.port;
    super(ctx, { driver: 'lg-serial', name: 'the LG driver', where, replyTimeoutMs: options.replyTimeoutMs ?? 1500, notOpenMessage: `${where} is not open` });
    this.setId = options.setId ?? 1;
  }

  async connect(): Promise<void> {
    this.framer.reset();
    const transport = this.options.transportFactory?.() ?? new SerialTransport({ path: this.options.port, baudRate: this.options.baudRate ?? 9600 });
    await this.link.connect(transport, () => this.readStatus());
  }

  async probe(): Promise<void> {
    await this.send(LG_COMMANDS.power, LG_READ);
  }

  /** One handler per declared action, each with its params' own type. */
  readonly handlers: ActionHandlers<DisplayCapabilities> = {
    power: async (params) => {
      const ok = await this.send(LG_COMMANDS.power, params.on ? 1 : 0);
      const power = ok.data === 1 ? 'on' : 'standby';
      this.power = power;
      this.ctx.publishState({ power });
      return { power };
    },
    input: async (params) => {
      const code = LG_INPUTS[String(params.input) as LgInput];
      if (code === undefined)
        throw new RoomctlError('ROOMCTL_E_ACTION_PARAMS', `${JSON.stringify(params.input)} is not an LG input (${Object.keys(LG_INPUTS).join(', ')})`);
      const ok = await this.send(LG_COMMANDS.input, code);
      const input = lgInputName(ok.data) ?? String(params.input);
      this.ctx.publishState({ input });
      return { input };
    },
    volume: async (params) => {
      const ok = await this.sendSound(LG_COMMANDS.volume, Math.round(Number(params.level)));
      this.ctx.publishState({ volume: ok.data });
      return { volume: ok.data };
    },
    mute: async (params) => {
      // LG counts the other way: ke 00 turns the sound off.
      const ok = await this.sendSound(LG_COMMANDS.mute, params.on ? 0 : 1);
      const mute = ok.data === 0;
      this.ctx.publishState({ mute });
      return { mute };
    },
    status: async () => this.readStatus(),
  };

  private async readStatus(): Promise<unknown> {
    const power = (await this.send(LG_COMMANDS.power, LG_READ)).data === 1 ? 'on' : 'standby';
    this.power = power;
    const view: Record<string, unknown> = { power };
    // A set in standby answers only power; the rest is read once it is on. A set without
    // speakers answers NG to volume and mute: those read as null, the rest still counts.
    if (power === 'on') {
      const optional = (command: string) =>
        this.send(command, LG_READ).then(
          (ok) => ok.data,
          () => undefined,
        );
      const volume = await optional(LG_COMMANDS.volume);
      const mute = await optional(LG_COMMANDS.mute);
      view.volume = volume ?? null;
      view.mute = mute === undefined ? null : mute === 0;
      view.input = lgInputName((await this.send(LG_COMMANDS.input, LG_READ)).data) ?? null;
    }
    this.ctx.publishState(view);
    return view;
  }

  /** Power as last read or set: an NG to a sound command while on means the set has no sound control. */
  private power: 'on' | 'standby' | undefined;

  private async sendSound(command: string, data: number): Promise<Ok> {
    try {
      return await this.send(command, data);
    } catch (err) {
      if (err instanceof RoomctlError && err.code === 'ROOMCTL_E_DEVICE_REJECTED' && this.power === 'on') {
        throw new RoomctlError(
          'ROOMCTL_E_NOT_SUPPORTED',
          `the LG display refuses ${command === LG_COMMANDS.volume ? 'volume' : 'mute'} while on (NG): this model has no speakers or no sound control over RS-232`,
          err.details,
        );
      }
      throw err;
    }
  }

  private async send(command: string, data: number): Promise<Ok> {
    const text = encodeLg(command, this.setId, data);
    const match = (reply: LgReply): MatchResult => {
      if (reply.kind === 'invalid' || reply.command !== command[1] || reply.setId !== this.setId) return false;
      if (reply.kind === 'ng')
        return {
          error: new RoomctlError(
            'ROOMCTL_E_DEVICE_REJECTED',
            `the LG display refused ${text.trim()} (NG); it may be in standby or the value is out of range`,
            { command: text.trim() },
          ),
        };
      return { done: true };
    };
    return (await this.link.request(Buffer.from(text, 'latin1'), match, text.trim())) as Ok;
  }

  protected onData(chunk: Buffer): void {
    for (const raw of this.framer.push(chunk)) {
      const reply = parseLgReply(raw.toString('latin1'));
      if (reply.kind === 'invalid') this.ctx.log.warn({ text: reply.text }, 'LG reply ignored');
      else this.link.queue.offer(reply);
    }
  }
}
