import type { ActionHandlers } from '../core/action-handlers.js';
import type { DisplayCapabilities } from '../core/capabilities.js';
import type { DriverContext } from '../core/definition.js';
import { RoomctlError } from '../core/errors.js';
import type { MatchResult } from '../transports/request-queue.js';
import { RequestReplyDriver } from '../transports/request-reply-driver.js';
import { type TcpOrSerialDefaults, type TcpOrSerialOptions, tcpOrSerialPlace, tcpOrSerialTransport } from '../transports/tcp-or-serial.js';
import {
  MDC_COMMANDS,
  MDC_BAUD_RATE,
  MDC_INPUTS,
  MDC_PORT,
  MdcFrameParser,
  encodeMdc,
  inputName,
  parseStatus,
  type MdcFrame,
  type MdcInput,
} from './mdc-codec.js';

/** MDC's TCP port (1515) and a Samsung display's factory RS-232 speed (9600). */
export const MDC_LINK: TcpOrSerialDefaults = { driver: 'samsung-mdc', tcpName: 'TCP 1515', port: MDC_PORT, baudRate: MDC_BAUD_RATE };

export interface MdcDriverOptions extends TcpOrSerialOptions {
  /** Display ID set in the display's menu (0..253). */
  displayId?: number;
  /**
   * How long after `power on` a NAK "not available" means "still warming up": the command is
   * held and tried again meanwhile (default 15 s). Past that, or once the display has taken a
   * picture or sound command, the same NAK means the model lacks the command.
   */
  warmupHoldMs?: number;
}

/** Picture and sound commands a panel refuses while it warms up. */
const NEEDS_WARM = new Set<number>([MDC_COMMANDS.input, MDC_COMMANDS.volume, MDC_COMMANDS.mute]);
const COMMAND_WORDS: Record<number, string> = { [MDC_COMMANDS.input]: 'input', [MDC_COMMANDS.volume]: 'volume', [MDC_COMMANDS.mute]: 'mute' };

type Ack = Extract<MdcFrame, { kind: 'ack' }>;

/**
 * Samsung MDC over RS-232 or TCP 1515. Strict request/reply: each command waits for the ACK or
 * NAK of the same command from the same display. A NAK is the display refusing (standby,
 * value out of range) and keeps the link; a closed line is a lost link.
 */
export class MdcDriver extends RequestReplyDriver<MdcFrame> {
  private readonly parser = new MdcFrameParser();
  private readonly id: number;
  /** Power as last read or set, when the display was switched on by us, and whether it has taken a picture/sound command since. */
  private power: 'on' | 'standby' | undefined;
  private poweredOnAt: number | undefined;
  private warm = false;

  constructor(
    private readonly options: MdcDriverOptions,
    ctx: DriverContext,
  ) {
    super(ctx, { driver: 'samsung-mdc', name: 'the MDC driver', where: tcpOrSerialPlace(options, MDC_LINK), replyTimeoutMs: options.replyTimeoutMs ?? 2000 });
    this.id = options.displayId ?? 0;
  }

  async connect(): Promise<void> {
    const transport = tcpOrSerialTransport(this.options, MDC_LINK);
    this.parser.reset();
    await this.link.connect(transport, () => this.readStatus());
  }

  async probe(): Promise<void> {
    await this.readStatus();
  }

  /** One handler per declared action, each with its params' own type. */
  readonly handlers: ActionHandlers<DisplayCapabilities> = {
    power: async (params) => {
      const ack = await this.send(MDC_COMMANDS.power, [params.on ? 1 : 0]);
      const on = ack.values[0] === 1;
      if (on && this.power !== 'on') {
        this.poweredOnAt = Date.now();
        this.warm = false;
      }
      this.power = on ? 'on' : 'standby';
      this.ctx.publishState({ power: this.power });
      return { power: ack.values[0] === 1 ? 'on' : 'standby' };
    },
    input: async (params) => {
      const name = String(params.input) as MdcInput;
      const code = MDC_INPUTS[name];
      if (code === undefined)
        throw new RoomctlError('ROOMCTL_E_ACTION_PARAMS', `${JSON.stringify(params.input)} is not a Samsung input (${Object.keys(MDC_INPUTS).join(', ')})`);
      const ack = await this.sendWhenWarm(MDC_COMMANDS.input, [code]);
      const input = inputName(ack.values[0] ?? -1) ?? name;
      this.ctx.publishState({ input });
      return { input };
    },
    volume: async (params) => {
      const ack = await this.sendWhenWarm(MDC_COMMANDS.volume, [Math.round(Number(params.level))]);
      this.ctx.publishState({ volume: ack.values[0] });
      return { volume: ack.values[0] };
    },
    mute: async (params) => {
      const ack = await this.sendWhenWarm(MDC_COMMANDS.mute, [params.on ? 1 : 0]);
      const mute = ack.values[0] === 1;
      this.ctx.publishState({ mute });
      return { mute };
    },
    status: async () => this.readStatus(),
  };

  private async readStatus(): Promise<unknown> {
    const ack = await this.send(MDC_COMMANDS.status, []);
    const status = parseStatus(ack.values);
    if (!status) throw new RoomctlError('ROOMCTL_E_PROTOCOL', `${this.where} sent a status that makes no sense: ${ack.values.join(' ')}`);
    const view = { power: status.power ? 'on' : 'standby', volume: status.volume, mute: status.mute, input: status.input ?? null };
    this.power = status.power ? 'on' : 'standby';
    this.ctx.publishState(view);
    return view;
  }

  /**
   * A picture or sound command: held while a display we switched on warms up (NAK "not
   * available"), refused as not supported when a display that is on and warm still says NAK
   * (a panel without speakers has no volume), refused as standby otherwise.
   */
  private async sendWhenWarm(cmd: number, data: number[]): Promise<Ack> {
    for (;;) {
      try {
        const ack = await this.send(cmd, data);
        if (NEEDS_WARM.has(cmd)) this.warm = true;
        return ack;
      } catch (err) {
        const notAvailable =
          err instanceof RoomctlError && err.code === 'ROOMCTL_E_DEVICE_REJECTED' && (err.details as { nak?: number } | undefined)?.nak === 0x01;
        if (!notAvailable || this.power !== 'on') throw err;
        const warming = !this.warm && this.poweredOnAt !== undefined && Date.now() - this.poweredOnAt < (this.options.warmupHoldMs ?? 15_000);
        if (!warming) {
          throw new RoomctlError(
            'ROOMCTL_E_NOT_SUPPORTED',
            `the display refuses ${COMMAND_WORDS[cmd] ?? `command 0x${cmd.toString(16)}`} while on (NAK not available): this model lacks it (a panel without speakers has no volume or mute)`,
            (err as RoomctlError).details,
          );
        }
        // Held, not talking: the host's watchdog probe judges a display that falls silent now.
        await this.ctx.held(() => new Promise((resolve) => setTimeout(resolve, 300)));
      }
    }
  }

  private async send(cmd: number, data: number[]): Promise<Ack> {
    const bytes = encodeMdc(cmd, this.id, data);
    const match = (frame: MdcFrame): MatchResult => {
      if (frame.id !== this.id || frame.kind === 'command' || frame.cmd !== cmd) return false;
      if (frame.kind === 'nak') {
        const why =
          frame.error === 0x01
            ? 'not available now (standby or warming up?)'
            : frame.error === 0x02
              ? 'value out of range'
              : `error 0x${frame.error.toString(16)}`;
        const code = frame.error === 0x02 ? 'ROOMCTL_E_ACTION_PARAMS' : 'ROOMCTL_E_DEVICE_REJECTED';
        return { error: new RoomctlError(code, `the display refused command 0x${cmd.toString(16)} (NAK): ${why}`, { command: cmd, nak: frame.error }) };
      }
      return { done: true };
    };
    return (await this.link.request(bytes, match, `MDC 0x${cmd.toString(16)}`)) as Ack;
  }

  protected onData(chunk: Buffer): void {
    const before = this.parser.rejected;
    for (const frame of this.parser.push(chunk)) this.link.queue.offer(frame);
    if (this.parser.rejected !== before) this.ctx.log.warn({ rejected: this.parser.rejected - before }, 'MDC bytes that were no frame, skipped');
  }
}
