import type { ActionHandlers } from '../core/action-handlers.js';
import type { ShureMxaCapabilities } from './shure-mxa-capabilities.js';
import type { DriverContext } from '../core/definition.js';
import { RoomctlError } from '../core/errors.js';
import { DelimiterFramer } from '../transports/delimiter-framer.js';
import type { MatchResult } from '../transports/request-queue.js';
import { RequestReplyDriver } from '../transports/request-reply-driver.js';
import { TcpTransport } from '../transports/tcp-transport.js';
import type { LinkOptions } from '../transports/transport.js';
import {
  SHURE_CHANNELS,
  SHURE_MAX_MESSAGE,
  SHURE_PORT,
  encodeGet,
  encodeSet,
  gainDbToRaw,
  gainRawToDb,
  parseOnOff,
  parseShureMessage,
  unbrace,
  type ShureMessage,
} from './shure-codec.js';

export interface ShureMxaDriverOptions extends LinkOptions {
  host: string;
  port?: number;
  /** Lobes to follow (1..n). */
  channels?: number;
  /** Start metering at this rate on connect (ms, 0 = off). */
  meterRateMs?: number;
}

type Rep = Extract<ShureMessage, { kind: 'rep' }>;

/** The REPs that tell of the LED, and which part of the LED state each one sets. */
const LED_REPS = {
  DEV_LED_IN_STATE: ['on', parseOnOff],
  LED_BRIGHTNESS: ['brightness', Number],
  FLASH: ['flash', parseOnOff],
} as const;

/**
 * Shure MXA910/920 over TCP 2202. The array is not strictly request/reply: it reports every
 * change to every session (`REP`), whoever made it. So state is driven by REPs alone, a SET
 * simply waits for the REP that confirms it, and unsolicited REPs (someone else muted the
 * array) update the room the same way.
 */
export class ShureMxaDriver extends RequestReplyDriver<ShureMessage> {
  private readonly framer = new DelimiterFramer(0x3e /* > */, SHURE_MAX_MESSAGE);
  /** Lobes followed: the config's, or fewer when the array says it has fewer (REP ERR past its last). */
  private channels: number;
  private readonly channelState = new Map<number, { mute?: boolean; gainDb?: number }>();

  constructor(
    private readonly options: ShureMxaDriverOptions,
    ctx: DriverContext,
  ) {
    super(ctx, {
      driver: 'shure-mxa',
      name: 'the Shure driver',
      where: `${options.host}:${options.port ?? SHURE_PORT}`,
      replyTimeoutMs: options.replyTimeoutMs ?? 2000,
      notOpenMessage: 'the Shure array is not connected',
    });
    this.channels = options.channels ?? SHURE_CHANNELS;
  }

  async connect(): Promise<void> {
    const { host, port = SHURE_PORT, connectTimeoutMs } = this.options;
    const transport = this.options.transportFactory?.() ?? new TcpTransport({ host, port, connectTimeoutMs });
    this.framer.reset();
    await this.link.connect(transport, () => this.readState());
  }

  /** What the array is and how it is set, lobe by lobe: every connect reads it all again. */
  private async readState(): Promise<void> {
    const model = await this.get('MODEL');
    this.ctx.publishState({ model: unbrace(model.value) });
    await this.get('DEVICE_AUDIO_MUTE');
    for (let n = 1; n <= this.channels; n++) {
      const refused = await this.get('AUDIO_MUTE', n).then(
        () => false,
        (err: unknown) => refusedBy(err, n > 1),
      );
      if (refused) {
        // An MXA310 has 4 channels, an MXA910 8: the array tells by refusing the first it lacks.
        this.ctx.log.info({ configured: this.channels, found: n - 1 }, 'the array has fewer channels than configured; following those it has');
        this.channels = n - 1;
        break;
      }
      await this.get('AUDIO_GAIN_HI_RES', n);
    }
    this.ctx.publishState({ channelCount: this.channels });
    // The LED and presets are optional: a model or firmware without them still mutes.
    for (const optional of ['DEV_LED_IN_STATE', 'PRESET']) await this.get(optional).catch((err: unknown) => refusedBy(err, true));
    if (this.options.meterRateMs) await this.set('METER_RATE', String(this.options.meterRateMs).padStart(5, '0'));
  }

  async probe(): Promise<void> {
    await this.get('DEVICE_AUDIO_MUTE');
  }

  /** One handler per declared action, each with its params' own type. */
  readonly handlers: ActionHandlers<ShureMxaCapabilities> = {
    mute: async (params) => {
      const rep = await this.set('DEVICE_AUDIO_MUTE', params.on ? 'ON' : 'OFF');
      return { mute: parseOnOff(rep.value) };
    },
    'channel.mute': async (params) => {
      const channel = this.channel(params.channel);
      const rep = await this.set('AUDIO_MUTE', params.on ? 'ON' : 'OFF', channel);
      return { channel, mute: parseOnOff(rep.value) };
    },
    'channel.gain': async (params) => {
      const channel = this.channel(params.channel);
      const rep = await this.set('AUDIO_GAIN_HI_RES', gainDbToRaw(Number(params.gainDb)), channel);
      return { channel, gainDb: gainRawToDb(rep.value) };
    },
    led: async (params) => {
      if (params.on !== undefined) await this.set('DEV_LED_IN_STATE', params.on ? 'ON' : 'OFF');
      if (params.brightness !== undefined) await this.set('LED_BRIGHTNESS', String(params.brightness));
      if (params.flash !== undefined) await this.set('FLASH', params.flash ? 'ON' : 'OFF');
      return { led: this.ledState };
    },
    'preset.recall': async (params) => {
      const rep = await this.set('PRESET', String(params.preset));
      return { preset: Number(rep.value) };
    },
    meter: async (params) => {
      const rate = Number(params.rateMs);
      const rep = await this.set('METER_RATE', String(rate).padStart(5, '0'));
      if (rate === 0) this.ctx.publishState({ levels: null });
      return { meterRateMs: Number(rep.value) };
    },
  };

  private ledState: { on?: boolean; brightness?: number; flash?: boolean } = {};

  private channel(value: unknown): number {
    const channel = Number(value);
    if (!Number.isInteger(channel) || channel < 1 || channel > this.channels) {
      throw new RoomctlError('ROOMCTL_E_ACTION_PARAMS', `channel must be 1..${this.channels}, got ${JSON.stringify(value)}`);
    }
    return channel;
  }

  private get(name: string, channel?: number): Promise<Rep> {
    return this.exchange(encodeGet(name, channel), name, channel);
  }

  private set(name: string, value: string, channel?: number): Promise<Rep> {
    return this.exchange(encodeSet(name, value, channel), name, channel);
  }

  /** Send one command and wait for the REP of the same name (and lobe), or `REP ERR`. */
  private async exchange(text: string, name: string, channel: number | undefined): Promise<Rep> {
    const match = (m: ShureMessage): MatchResult => {
      if (m.kind === 'error') return { error: new RoomctlError('ROOMCTL_E_DEVICE_REJECTED', `the array refused ${text} (REP ERR)`, { command: text }) };
      if (m.kind === 'rep' && m.name === name && (channel === undefined || m.channel === channel)) return { done: true };
      return false;
    };
    this.ctx.log.debug({ send: text }, 'shure send');
    const reply = await this.link.request(Buffer.from(text, 'latin1'), match, text);
    return reply as Rep;
  }

  protected onData(chunk: Buffer): void {
    const before = this.framer.discarded;
    const messages = this.framer.push(chunk);
    if (this.framer.discarded !== before) this.ctx.log.warn('shure message longer than any reply, dropped');
    for (const raw of messages) {
      const message = parseShureMessage(raw.toString('latin1'));
      if (message.kind === 'invalid') {
        // A stray line is logged and dropped: the array's own traffic is all REPs and SAMPLEs.
        this.ctx.log.warn({ text: message.text.slice(0, 60), reason: message.reason }, 'shure message ignored');
        continue;
      }
      // State first: an answer to our SET is also news for the room.
      this.apply(message);
      this.link.queue.offer(message);
    }
  }

  /** Every REP and SAMPLE becomes state, whether we asked or someone else changed the array. */
  private apply(message: ShureMessage): void {
    if (message.kind === 'sample') {
      this.ctx.publishState({ levels: message.levels.slice(0, this.channels) });
      return;
    }
    if (message.kind !== 'rep') return;
    const { name, value, channel } = message;
    switch (name) {
      case 'DEVICE_AUDIO_MUTE': {
        const on = parseOnOff(value);
        if (on !== undefined) this.ctx.publishState({ mute: on });
        break;
      }
      case 'AUDIO_MUTE':
      case 'AUDIO_GAIN_HI_RES': {
        if (channel === undefined || channel < 1 || channel > this.channels) break;
        const entry = this.channelState.get(channel) ?? {};
        if (name === 'AUDIO_MUTE') entry.mute = parseOnOff(value);
        else entry.gainDb = gainRawToDb(value);
        this.channelState.set(channel, entry);
        this.ctx.publishState({ channels: Object.fromEntries([...this.channelState].sort(([a], [b]) => a - b)) });
        break;
      }
      case 'DEV_LED_IN_STATE':
      case 'LED_BRIGHTNESS':
      case 'FLASH': {
        const [field, read] = LED_REPS[name];
        this.ledState = { ...this.ledState, [field]: read(value) };
        this.ctx.publishState({ led: this.ledState });
        break;
      }
      case 'PRESET':
        if (/^\d{1,2}$/.test(value)) this.ctx.publishState({ preset: Number(value) });
        break;
      case 'METER_RATE':
        if (/^\d{1,5}$/.test(value)) this.ctx.publishState({ meterRateMs: Number(value) });
        break;
    }
  }
}

/** True when the array answered REP ERR and `tolerated`; anything else is thrown on. */
function refusedBy(err: unknown, tolerated: boolean): true {
  if (tolerated && err instanceof RoomctlError && err.code === 'ROOMCTL_E_DEVICE_REJECTED') return true;
  throw err;
}
