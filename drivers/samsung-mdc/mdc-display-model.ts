import { EventEmitter } from 'node:events';
import { MDC_COMMANDS, MDC_INPUTS, encodeMdcReply, type MdcFrame } from './mdc-codec.js';

export interface MdcDisplayOptions {
  /** Display ID (MDC "ID", set in the display's menu). */
  id?: number;
  /** How long the panel takes from standby to picture. */
  warmupMs?: number;
  /** A panel without speakers: volume and mute answer NAK "not available". */
  withoutSpeakers?: boolean;
}

/** NAK error codes as displays send them. */
const NAK_NOT_AVAILABLE = 0x01;
const NAK_BAD_VALUE = 0x02;

/**
 * The simulated Samsung display's state (no transport): power with warm-up, volume, mute,
 * input. While in standby or warming up, picture and sound commands are refused (NAK), as on
 * the real panels; power and status always answer.
 */
/** A simulated display answers to id 0 and is on at once, unless given otherwise. */
export const MDC_DISPLAY_DEFAULTS = { id: 0, warmupMs: 0 } as const;

export class MdcDisplayModel extends EventEmitter {
  readonly id: number;
  power = false;
  volume = 20;
  mute = false;
  input: number = MDC_INPUTS.hdmi1;
  readonly received: MdcFrame[] = [];
  private readyAt = 0;

  constructor(private readonly options: MdcDisplayOptions = {}) {
    super();
    this.id = options.id ?? MDC_DISPLAY_DEFAULTS.id;
  }

  get ready(): boolean {
    return this.power && Date.now() >= this.readyAt;
  }

  /** A command frame → the reply bytes, or undefined when it is not for this display. */
  handle(frame: MdcFrame): Buffer | undefined {
    if (frame.kind !== 'command') return undefined;
    this.received.push(frame);
    // 0xFE is "all displays": they act but do not answer, or the line would collide.
    if (frame.id !== this.id && frame.id !== 0xfe) return undefined;
    const reply = this.apply(frame.cmd, frame.data);
    return frame.id === 0xfe ? undefined : encodeMdcReply(this.id, frame.cmd, reply);
  }

  /** The remote control or the panel's own buttons. */
  pressMute(on = !this.mute): void {
    this.mute = on;
  }

  private apply(cmd: number, data: number[]): { ack: number[] } | { nak: number } {
    const set = data.length > 0;
    if (this.options.withoutSpeakers && (cmd === MDC_COMMANDS.volume || cmd === MDC_COMMANDS.mute)) return { nak: NAK_NOT_AVAILABLE };
    switch (cmd) {
      case MDC_COMMANDS.status:
        return { ack: [this.power ? 1 : 0, this.volume, this.mute ? 1 : 0, this.input, 0x10, 0, 0] };
      case MDC_COMMANDS.power:
        if (set) {
          if (data[0]! > 1) return { nak: NAK_BAD_VALUE };
          const on = data[0] === 1;
          if (on && !this.power) this.readyAt = Date.now() + (this.options.warmupMs ?? MDC_DISPLAY_DEFAULTS.warmupMs);
          this.power = on;
        }
        return { ack: [this.power ? 1 : 0] };
      case MDC_COMMANDS.volume:
        if (set) {
          if (!this.ready) return { nak: NAK_NOT_AVAILABLE };
          if (data[0]! > 100) return { nak: NAK_BAD_VALUE };
          this.volume = data[0]!;
        }
        return { ack: [this.volume] };
      case MDC_COMMANDS.mute:
        if (set) {
          if (!this.ready) return { nak: NAK_NOT_AVAILABLE };
          if (data[0]! > 1) return { nak: NAK_BAD_VALUE };
          this.mute = data[0] === 1;
        }
        return { ack: [this.mute ? 1 : 0] };
      case MDC_COMMANDS.input:
        if (set) {
          if (!this.ready) return { nak: NAK_NOT_AVAILABLE };
          if (!Object.values(MDC_INPUTS).includes(data[0] as never)) return { nak: NAK_BAD_VALUE };
          this.input = data[0]!;
        }
        return { ack: [this.input] };
      default:
        return { nak: NAK_NOT_AVAILABLE };
    }
  }
}
