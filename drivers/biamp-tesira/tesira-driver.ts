import { type ActionHandlers, runAction } from '../core/action-handlers.js';
import type { TesiraCapabilities } from './tesira-capabilities.js';
import type { DeviceDriver, DriverContext } from '../core/definition.js';
import { RoomctlError } from '../core/errors.js';
import { withinReplyDeadline } from '../core/reply-deadline.js';
import { DelimiterFramer } from '../transports/delimiter-framer.js';
import { RequestQueue, type MatchResult } from '../transports/request-queue.js';
import { type TcpOrSerialDefaults, type TcpOrSerialOptions, tcpOrSerialPlace, tcpOrSerialTransport } from '../transports/tcp-or-serial.js';
import type { Transport } from '../transports/transport.js';
import { TelnetFilter } from './telnet-codec.js';
import { TESIRA_MAX_LINE, TESIRA_TELNET_PORT, encodeTtp, parseAliasList, parseTtpLine, type TtpCommand, type TtpLine, type TtpValue } from './tesira-codec.js';
import { tesiraError } from './tesira-errors.js';

export interface TesiraBlockRef {
  instanceTag: string;
  channel: number;
}

export interface TesiraSubscription extends TesiraBlockRef {
  attribute: 'level' | 'mute';
}

/** Telnet's port (23) and the server's factory RS-232 speed (115200). */
export const TESIRA_LINK: TcpOrSerialDefaults = { driver: 'biamp-tesira', tcpName: 'telnet', port: TESIRA_TELNET_PORT, baudRate: 115200 };

/** `host` is telnet; `serialPort` the RS-232 line instead. */
export interface TesiraDriverOptions extends TcpOrSerialOptions {
  /** The mute block that is the room's microphone mute (`mute {on}`). */
  muteBlock?: TesiraBlockRef;
  /** Blocks whose changes the room follows (the mute block is always followed). */
  subscriptions?: TesiraSubscription[];
}

type Ok = Extract<TtpLine, { kind: 'ok' }>;

/**
 * Biamp Tesira over TTP. Over telnet the server opens with option requests and sends its
 * banner only once they are answered; we refuse them all (a plain line session). Commands are
 * strictly one at a time; the echo of each command is read past. Subscriptions live only as
 * long as the session, so every connect makes them again, with fresh publish tokens.
 */
export class TesiraDriver implements DeviceDriver {
  private transport: Transport | undefined;
  private telnet: TelnetFilter | undefined;
  private readonly framer = new DelimiterFramer(0x0a, TESIRA_MAX_LINE);
  private readonly queue: RequestQueue<TtpLine>;
  private readonly tokens = new Map<string, TesiraSubscription>();
  private readonly values: Record<string, TtpValue> = {};
  private banner: { resolve(): void } | undefined;
  private stopped = true;
  private readonly where: string;

  constructor(
    private readonly options: TesiraDriverOptions,
    private readonly ctx: DriverContext,
  ) {
    this.where = tcpOrSerialPlace(options, TESIRA_LINK);
    this.queue = new RequestQueue(options.replyTimeoutMs ?? 2000, () => this.where);
  }

  async connect(): Promise<void> {
    const { serialPort, connectTimeoutMs = 3000 } = this.options;
    const transport = tcpOrSerialTransport(this.options, TESIRA_LINK);
    this.stopped = false;
    this.framer.reset();
    this.tokens.clear();
    this.telnet = serialPort ? undefined : new TelnetFilter();
    const greeted = new Promise<void>((resolve) => (this.banner = { resolve }));
    transport.on('data', (chunk: Buffer) => this.onData(transport, chunk));
    transport.on('close', (err: Error | undefined) => this.onClose(transport, err));
    await transport.open();
    this.transport = transport;
    if (this.telnet) await this.within(greeted, connectTimeoutMs, `no TTP banner from ${this.where} after telnet negotiation`);
    const aliases = await this.request({ instanceTag: 'SESSION', verb: 'get', attribute: 'aliases' });
    this.ctx.publishState({ aliases: parseAliasList(aliases.raw) ?? [] });
    await this.subscribeAll();
  }

  async disconnect(): Promise<void> {
    this.stopped = true;
    const transport = this.transport;
    this.transport = undefined;
    this.queue.fail(new RoomctlError('ROOMCTL_E_DEVICE_OFFLINE', 'the Tesira driver is disconnected'));
    await transport?.close();
  }

  async probe(): Promise<void> {
    await this.request({ instanceTag: 'SESSION', verb: 'get', attribute: 'aliases' });
  }

  /** One handler per declared action, each with its params' own type. */
  readonly handlers: ActionHandlers<TesiraCapabilities> = {
    mute: async (params) => {
      const block = this.options.muteBlock;
      if (!block) throw new RoomctlError('ROOMCTL_E_NOT_SUPPORTED', 'this Tesira has no `muteBlock` in the config, so it cannot follow the room mute');
      const on = Boolean(params.on);
      await this.request({ instanceTag: block.instanceTag, verb: 'set', attribute: 'mute', index: block.channel, value: on });
      this.ctx.publishState({ mute: on });
      return { mute: on };
    },
    'level.get': async (params) => ({ level: (await this.request(cmd(params, 'get', 'level'))).value }),
    'level.set': async (params) => {
      await this.request({ ...cmd(params, 'set', 'level'), value: Number(params.level) });
      return { level: Number(params.level) };
    },
    'level.step': async (params) => {
      const step = Number(params.step);
      await this.request({ ...cmd(params, step >= 0 ? 'increment' : 'decrement', 'level'), value: Math.abs(step) });
      return { level: (await this.request(cmd(params, 'get', 'level'))).value };
    },
    'mute.get': async (params) => ({ mute: (await this.request(cmd(params, 'get', 'mute'))).value }),
    'mute.set': async (params) => {
      await this.request({ ...cmd(params, 'set', 'mute'), value: Boolean(params.on) });
      return { mute: Boolean(params.on) };
    },
    'mute.toggle': async (params) => {
      await this.request(cmd(params, 'toggle', 'mute'));
      return { mute: (await this.request(cmd(params, 'get', 'mute'))).value };
    },
  };

  async execute(action: string, params: Record<string, unknown>): Promise<unknown> {
    return runAction(this.handlers, action, params, 'biamp-tesira');
  }

  /** Subscriptions die with the session: make each one again, with a fresh token. */
  private async subscribeAll(): Promise<void> {
    const wanted: TesiraSubscription[] = [...(this.options.subscriptions ?? [])];
    const mute = this.options.muteBlock;
    if (mute && !wanted.some((s) => s.attribute === 'mute' && s.instanceTag === mute.instanceTag && s.channel === mute.channel))
      wanted.unshift({ ...mute, attribute: 'mute' });
    const missing: string[] = [];
    for (const [i, sub] of wanted.entries()) {
      const token = `roomctl_${i}_${sub.attribute}`;
      this.tokens.set(token, sub);
      try {
        await this.request({ instanceTag: sub.instanceTag, verb: 'subscribe', attribute: sub.attribute, index: sub.channel, value: token, rateMs: 100 });
      } catch (err) {
        this.tokens.delete(token);
        // A wrong tag is a config problem, not a dead link: say so and keep the rest working.
        if (!(err instanceof RoomctlError) || err.code === 'ROOMCTL_E_DEVICE_OFFLINE' || err.code === 'ROOMCTL_E_DEVICE_TIMEOUT') throw err;
        this.ctx.log.warn({ instanceTag: sub.instanceTag, err: err.message }, 'tesira subscription refused');
        missing.push(`${sub.instanceTag} ${sub.attribute} ${sub.channel}: ${err.message}`);
      }
    }
    this.ctx.setCondition(missing.length ? { degraded: true, detail: `cannot follow ${missing.join('; ')}` } : { degraded: false });
  }

  private async request(command: TtpCommand): Promise<Ok> {
    const text = encodeTtp(command);
    const match = (line: TtpLine): MatchResult => {
      if (line.kind === 'ok') return { done: true };
      if (line.kind === 'error') return { error: tesiraError(line.message, command) };
      return false;
    };
    return (await this.queue.request(() => this.write(text), match, text.trim())) as Ok;
  }

  private write(text: string): Promise<void> {
    const transport = this.transport;
    if (!transport || this.stopped) return Promise.reject(new RoomctlError('ROOMCTL_E_DEVICE_OFFLINE', `${this.where} is not connected`));
    this.ctx.log.debug({ send: text.trim() }, 'tesira send');
    return transport.write(Buffer.from(text, 'latin1'));
  }

  private onData(transport: Transport, chunk: Buffer): void {
    let data = chunk;
    if (this.telnet) {
      const out = this.telnet.push(chunk);
      if (out.replies.length) void transport.write(out.replies).catch(() => undefined);
      data = out.data;
    }
    for (const raw of this.framer.push(data)) {
      const line = parseTtpLine(raw.toString('latin1').replace(/\r/g, ''));
      if (line.kind === 'banner') this.banner?.resolve();
      else if (line.kind === 'publish') this.onPublish(line.token, line.value);
      else this.queue.offer(line);
    }
  }

  private onPublish(token: string, value: TtpValue | undefined): void {
    const sub = this.tokens.get(token);
    if (!sub || value === undefined) return;
    this.values[`${sub.instanceTag}/${sub.attribute}/${sub.channel}`] = value;
    const patch: Record<string, unknown> = { blocks: { ...this.values } };
    const mute = this.options.muteBlock;
    if (mute && sub.attribute === 'mute' && sub.instanceTag === mute.instanceTag && sub.channel === mute.channel) patch.mute = value === true;
    this.ctx.publishState(patch);
  }

  private onClose(transport: Transport, err: Error | undefined): void {
    if (this.transport !== transport) return;
    this.transport = undefined;
    const error = new RoomctlError('ROOMCTL_E_DEVICE_OFFLINE', `${this.where} closed the TTP session${err ? `: ${err.message}` : ''}`);
    this.queue.fail(error);
    if (!this.stopped) this.ctx.linkLost(error);
  }

  private async within(promise: Promise<void>, ms: number, message: string): Promise<void> {
    try {
      // Counted in time the room was listening (reply-deadline.ts): a banner that came while the room was held up is taken.
      await withinReplyDeadline(promise, ms, () => new RoomctlError('ROOMCTL_E_PROTOCOL', message));
    } catch (err) {
      await this.transport?.close();
      this.transport = undefined;
      throw err;
    }
  }
}

function cmd(ref: TesiraBlockRef, verb: TtpCommand['verb'], attribute: string): TtpCommand {
  return { instanceTag: ref.instanceTag, verb, attribute, index: ref.channel };
}
