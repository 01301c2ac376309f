import { EventEmitter } from 'node:events';
import { GAIN_RAW_MAX, SHURE_CHANNELS, parseOnOff } from './shure-codec.js';

export interface ShureMxaModelOptions {
  /** Lobes (channels); the MXA910 has 8. */
  channels?: number;
  model?: string;
  deviceId?: string;
  /** Seed for the level random walk, so tests can replay it. */
  seed?: number;
}

interface Channel {
  mute: boolean;
  /** AUDIO_GAIN_HI_RES raw, 0..1400 */
  gain: number;
  /** Current level in the meter's 0..60 scale. */
  level: number;
}

/**
 * The simulated MXA910's state (no sockets): device and per-lobe mute, gain, LED, preset,
 * meter rate, and levels that wander like a room with people talking. `handle` answers one
 * command; every change is also emitted as 'rep' so every connected client hears it, as
 * the real array reports changes to all sessions.
 */
/** The device id a simulated array reports unless given another. */
export const SHURE_DEVICE_ID = 'Ceiling Array';

export class ShureMxaModel extends EventEmitter {
  deviceMute = false;
  ledOn = true;
  ledBrightness = 5;
  flashing = false;
  preset = 1;
  meterRateMs = 0;
  /** False while the array's audio is dead and its control port still answers (`loseSound`). */
  hearing = true;
  readonly channels: Channel[];
  readonly model: string;
  readonly deviceId: string;
  /** Every command text received (without the angle brackets), in order. */
  readonly received: string[] = [];
  private seed: number;

  constructor(options: ShureMxaModelOptions = {}) {
    super();
    const count = options.channels ?? SHURE_CHANNELS;
    this.channels = Array.from({ length: count }, (_, i) => ({ mute: false, gain: 1100, level: 20 + i }));
    this.model = options.model ?? 'MXA910';
    this.deviceId = options.deviceId ?? SHURE_DEVICE_ID;
    this.seed = options.seed ?? 42;
  }

  /** One command (the text inside `< >`) → the replies to send back to the asking session. */
  handle(command: string): string[] {
    this.received.push(command);
    const words = command.trim().split(/ +/);
    const verb = words[0];
    let channel: number | undefined;
    let i = 1;
    if (/^\d{2}$/.test(words[1] ?? '')) {
      channel = Number(words[1]);
      i = 2;
    }
    const name = words[i];
    const value = words.slice(i + 1).join(' ');
    if ((verb !== 'GET' && verb !== 'SET') || !name) return ['< REP ERR >'];
    if (channel !== undefined && channel > this.channels.length) return ['< REP ERR >'];
    if (verb === 'GET') return this.get(name, channel);
    const changed = this.set(name, value, channel);
    if (changed === undefined) return ['< REP ERR >'];
    // The asker gets the REP like everyone else (through 'rep'); nothing extra here.
    for (const rep of changed) this.emit('rep', rep);
    return [];
  }

  /** The physical side: someone mutes the array (network mute button, logic input, Designer). */
  pressMute(on = !this.deviceMute): void {
    this.deviceMute = on;
    this.emit('rep', `< REP DEVICE_AUDIO_MUTE ${on ? 'ON' : 'OFF'} >`);
  }

  /**
   * The physical side: the array stops hearing the room while its control port keeps
   * answering (a failed capsule board, or its audio network cable pulled with control on
   * another port). It is not muted — every meter just reads 000 — until `loseSound(false)`.
   */
  loseSound(lost = true): void {
    this.hearing = !lost;
  }

  /** The meter line at this moment, and one random step of every level. */
  sample(): string {
    for (const c of this.channels) {
      const step = Math.round((this.random() - 0.5) * 8);
      c.level = c.mute || this.deviceMute || !this.hearing ? 0 : Math.min(60, Math.max(5, c.level + step));
    }
    return `< SAMPLE ${this.channels.map((c) => String(c.level).padStart(3, '0')).join(' ')} >`;
  }

  private get(name: string, channel: number | undefined): string[] {
    const each = (fn: (c: Channel, n: number) => string) =>
      channel === 0 || channel === undefined ? this.channels.map((c, i) => fn(c, i + 1)) : [fn(this.channels[channel - 1]!, channel)];
    switch (name) {
      case 'DEVICE_AUDIO_MUTE':
        return [`< REP DEVICE_AUDIO_MUTE ${onOff(this.deviceMute)} >`];
      case 'AUDIO_MUTE':
        return each((c, n) => `< REP ${pad(n)} AUDIO_MUTE ${onOff(c.mute)} >`);
      case 'AUDIO_GAIN_HI_RES':
        return each((c, n) => `< REP ${pad(n)} AUDIO_GAIN_HI_RES ${String(c.gain).padStart(4, '0')} >`);
      case 'DEV_LED_IN_STATE':
        return [`< REP DEV_LED_IN_STATE ${onOff(this.ledOn)} >`];
      case 'LED_BRIGHTNESS':
        return [`< REP LED_BRIGHTNESS ${this.ledBrightness} >`];
      case 'PRESET':
        return [`< REP PRESET ${pad(this.preset)} >`];
      case 'METER_RATE':
        return [`< REP METER_RATE ${String(this.meterRateMs).padStart(5, '0')} >`];
      case 'MODEL':
        return [`< REP MODEL {${this.model.padEnd(32)}} >`];
      case 'DEVICE_ID':
        return [`< REP DEVICE_ID {${this.deviceId.padEnd(31)}} >`];
      default:
        return ['< REP ERR >'];
    }
  }

  /** Applies a SET; returns the REP lines to announce, or undefined for `REP ERR`. */
  private set(name: string, value: string, channel: number | undefined): string[] | undefined {
    switch (name) {
      case 'DEVICE_AUDIO_MUTE': {
        const on = value === 'TOGGLE' ? !this.deviceMute : parseOnOff(value);
        if (on === undefined || channel !== undefined) return undefined;
        this.deviceMute = on;
        return [`< REP DEVICE_AUDIO_MUTE ${onOff(on)} >`];
      }
      case 'AUDIO_MUTE': {
        if (channel === undefined) return undefined;
        const targets = channel === 0 ? this.channels.map((_, i) => i + 1) : [channel];
        const reps: string[] = [];
        for (const n of targets) {
          const c = this.channels[n - 1]!;
          const on = value === 'TOGGLE' ? !c.mute : parseOnOff(value);
          if (on === undefined) return undefined;
          c.mute = on;
          reps.push(`< REP ${pad(n)} AUDIO_MUTE ${onOff(on)} >`);
        }
        return reps;
      }
      case 'AUDIO_GAIN_HI_RES': {
        if (channel === undefined || channel === 0 || !/^\d{1,4}$/.test(value) || Number(value) > GAIN_RAW_MAX) return undefined;
        this.channels[channel - 1]!.gain = Number(value);
        return [`< REP ${pad(channel)} AUDIO_GAIN_HI_RES ${value.padStart(4, '0')} >`];
      }
      case 'DEV_LED_IN_STATE':
        return this.setOnOff(name, value, (on) => (this.ledOn = on));
      case 'LED_BRIGHTNESS': {
        if (!/^[0-5]$/.test(value)) return undefined;
        this.ledBrightness = Number(value);
        return [`< REP LED_BRIGHTNESS ${value} >`];
      }
      case 'FLASH':
        return this.setOnOff(name, value, (on) => (this.flashing = on));
      case 'PRESET': {
        if (!/^\d{1,2}$/.test(value) || Number(value) < 1 || Number(value) > 10) return undefined;
        this.preset = Number(value);
        return [`< REP PRESET ${pad(this.preset)} >`];
      }
      case 'METER_RATE': {
        // 0 stops; 100 ms is the fastest the array meters.
        if (!/^\d{1,5}$/.test(value) || (Number(value) !== 0 && Number(value) < 100)) return undefined;
        this.meterRateMs = Number(value);
        this.emit('meterRate', this.meterRateMs);
        return [`< REP METER_RATE ${value.padStart(5, '0')} >`];
      }
      default:
        return undefined;
    }
  }

  /** An ON/OFF setting of the array itself (LED, flash): stored and announced, or undefined (`REP ERR`) for any other value. */
  private setOnOff(name: string, value: string, store: (on: boolean) => void): string[] | undefined {
    const on = parseOnOff(value);
    if (on === undefined) return undefined;
    store(on);
    return [`< REP ${name} ${onOff(on)} >`];
  }

  /** A small deterministic PRNG (mulberry32) so a seeded model replays the same levels. */
  private random(): number {
    let t = (this.seed = (this.seed + 0x6d2b79f5) | 0);
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  }
}

const onOff = (on: boolean) => (on ? 'ON' : 'OFF');
const pad = (n: number) => String(n).padStart(2, '0');
