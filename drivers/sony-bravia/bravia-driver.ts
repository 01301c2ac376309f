import type { ActionHandlers } from '../core/action-handlers.js';
import type { DisplayCapabilities } from '../core/capabilities.js';
import type { DriverContext } from '../core/definition.js';
import { RoomctlError } from '../core/errors.js';
import { DelimiterFramer } from '../transports/delimiter-framer.js';
import type { MatchResult } from '../transports/request-queue.js';
import { RequestReplyDriver } from '../transports/request-reply-driver.js';
import { TcpTransport } from '../transports/tcp-transport.js';
import type { LinkOptions } from '../transports/transport.js';
import {
  BRAVIA_FUNCTIONS as FN,
  BRAVIA_INPUTS,
  BRAVIA_PORT,
  DONE,
  NOTHING,
  REFUSED,
  control,
  encodeBravia,
  enquiry,
  inputOf,
  inputParam,
  numberOf,
  numberParam,
  parseBravia,
  type BraviaInput,
  type BraviaMessage,
} from './bravia-codec.js';

export interface BraviaDriverOptions extends LinkOptions {
  host: string;
  port?: number;
}

/**
 * A Sony BRAVIA over Simple IP control. One message at a time, each settled by the answer
 * with the same function; notifications (`*SN…`, a change made with the remote or another
 * controller) update the state as they come. An answer of sixteen `F` is the display
 * refusing and keeps the link; bytes that are no message make the link incoherent.
 */
export class BraviaDriver extends RequestReplyDriver<BraviaMessage> {
  private readonly framer = new DelimiterFramer(0x0a, 64);

  constructor(
    private readonly options: BraviaDriverOptions,
    ctx: DriverContext,
  ) {
    const where = `${options.host}:${options.port ?? BRAVIA_PORT}`;
    super(ctx, { driver: 'sony-bravia', name: 'the BRAVIA driver', where, replyTimeoutMs: options.replyTimeoutMs ?? 3000 });
  }

  async connect(): Promise<void> {
    this.framer.reset(); // forget half a message from a previous session
    const transport =
      this.options.transportFactory?.() ??
      new TcpTransport({ host: this.options.host, port: this.options.port ?? BRAVIA_PORT, connectTimeoutMs: this.options.connectTimeoutMs ?? 3000 });
    await this.link.connect(transport, () => this.readStatus());
  }

  async probe(): Promise<void> {
    await this.ask(FN.power);
  }

  /** One handler per declared action, each with its params' own type. */
  readonly handlers: ActionHandlers<DisplayCapabilities> = {
    power: async (params) => {
      await this.set(FN.power, numberParam(params.on ? 1 : 0), params.on ? 'power on (is "Remote start" on?)' : 'standby');
      this.ctx.publishState({ power: params.on ? 'on' : 'standby' });
      return { power: params.on ? 'on' : 'standby' };
    },
    input: async (params) => {
      const input = String(params.input) as BraviaInput;
      if (!(input in BRAVIA_INPUTS))
        throw new RoomctlError('ROOMCTL_E_ACTION_PARAMS', `${JSON.stringify(params.input)} is not a BRAVIA input (${Object.keys(BRAVIA_INPUTS).join(', ')})`);
      await this.set(FN.input, inputParam(input), `input ${input} (in standby, or an input this model lacks?)`);
      this.ctx.publishState({ input });
      return { input };
    },
    volume: async (params) => {
      const level = Math.round(Number(params.level));
      await this.set(FN.volume, numberParam(level), `volume ${level} (in standby?)`);
      this.ctx.publishState({ volume: level });
      return { volume: level };
    },
    mute: async (params) => {
      await this.set(FN.mute, numberParam(params.on ? 1 : 0), 'mute (in standby?)');
      this.ctx.publishState({ mute: params.on === true });
      return { mute: params.on === true };
    },
    status: async () => this.readStatus(),
  };

  private async readStatus(): Promise<Record<string, unknown>> {
    const power = numberOf(await this.ask(FN.power)) === 1 ? 'on' : 'standby';
    const view: Record<string, unknown> = { power };
    if (power === 'on') {
      const input = await this.ask(FN.input);
      view.input = input === NOTHING ? null : (inputOf(input) ?? null);
      view.volume = numberOf(await this.ask(FN.volume)) ?? null;
      view.mute = numberOf(await this.ask(FN.mute)) === 1;
    }
    this.ctx.publishState(view);
    return view;
  }

  private async set(fn: string, param: string, what: string): Promise<void> {
    const answer = await this.exchange(control(fn, param));
    if (answer.param === REFUSED) throw new RoomctlError('ROOMCTL_E_DEVICE_REJECTED', `${this.where} refused ${what}`, { function: fn });
    if (answer.param !== DONE)
      throw new RoomctlError('ROOMCTL_E_PROTOCOL', `${this.where} answered ${fn} with ${answer.param}, which is neither done nor refused`);
  }

  private async ask(fn: string): Promise<string> {
    const answer = await this.exchange(enquiry(fn));
    if (answer.param === REFUSED) throw new RoomctlError('ROOMCTL_E_DEVICE_REJECTED', `${this.where} refused to say its ${fn}`, { function: fn });
    return answer.param;
  }

  private exchange(message: BraviaMessage): Promise<BraviaMessage> {
    const match = (reply: BraviaMessage): MatchResult => (reply.type === 'A' && reply.fn === message.fn ? { done: true } : false);
    return this.link.request(Buffer.from(encodeBravia(message), 'latin1'), match, `${message.type === 'C' ? 'control' : 'enquiry'} ${message.fn}`);
  }

  protected onData(chunk: Buffer): void {
    for (const line of this.framer.push(chunk)) {
      const message = parseBravia(line.toString('latin1'));
      if (!message) {
        // Out of step with the display: answers can no longer be matched to questions. Drop the
        // link; the host reconnects and the next session starts clean.
        this.ctx.linkLost(
          new RoomctlError('ROOMCTL_E_PROTOCOL', `${this.where} sent ${JSON.stringify(line.toString('latin1').slice(0, 40))}, which is no Simple IP message`),
        );
        void this.link.disconnect();
        return;
      }
      if (this.link.queue.offer(message)) continue;
      if (message.type === 'N') this.notified(message);
    }
  }

  /** A change made elsewhere (the remote, another controller), as the display tells it. */
  private notified(message: BraviaMessage): void {
    const value = numberOf(message.param);
    if (message.fn === FN.power && value !== undefined) this.ctx.publishState({ power: value === 1 ? 'on' : 'standby' });
    else if (message.fn === FN.volume && value !== undefined) this.ctx.publishState({ volume: value });
    else if (message.fn === FN.mute && value !== undefined) this.ctx.publishState({ mute: value === 1 });
    else if (message.fn === FN.input) this.ctx.publishState({ input: inputOf(message.param) ?? null });
  }
}
