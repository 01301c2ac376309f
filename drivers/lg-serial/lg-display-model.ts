import { LG_INPUTS, LG_READ, encodeLgReply, parseLgCommand } from './lg-codec.js';

export interface LgDisplayOptions {
  setId?: number;
  /** A model without speakers: volume (kf) and mute (ke) are answered NG. */
  withoutSpeakers?: boolean;
}

/** The simulated LG display (no transport): power, volume, mute, input; NG for what it refuses. */
/** The set id a simulated display answers to unless given another. */
export const LG_DEFAULT_SET_ID = 1;

export class LgDisplayModel {
  readonly setId: number;
  private readonly withoutSpeakers: boolean;
  power = false;
  volume = 15;
  mute = false;
  input: number = LG_INPUTS.hdmi1;
  readonly received: string[] = [];

  constructor(options: LgDisplayOptions = {}) {
    this.setId = options.setId ?? LG_DEFAULT_SET_ID;
    this.withoutSpeakers = options.withoutSpeakers ?? false;
  }

  /** One command line → the reply, or undefined (another set ID, or garbage: real sets stay silent). */
  handle(line: string): string | undefined {
    this.received.push(line);
    const cmd = parseLgCommand(line);
    if (!cmd || (cmd.setId !== this.setId && cmd.setId !== 0)) return undefined;
    const read = cmd.data === LG_READ;
    const answer = (ok: boolean, data: number) => encodeLgReply(cmd.command, this.setId, ok, data);
    if (this.withoutSpeakers && (cmd.command === 'kf' || cmd.command === 'ke')) return answer(false, cmd.data);
    switch (cmd.command) {
      case 'ka':
        if (!read) {
          if (cmd.data > 1) return answer(false, cmd.data);
          this.power = cmd.data === 1;
        }
        return answer(true, this.power ? 1 : 0);
      case 'kf':
        if (!read) {
          if (!this.power || cmd.data > 100) return answer(false, cmd.data);
          this.volume = cmd.data;
        }
        return answer(true, this.volume);
      case 'ke':
        // ke 00 = sound off (muted), 01 = sound on.
        if (!read) {
          if (!this.power || cmd.data > 1) return answer(false, cmd.data);
          this.mute = cmd.data === 0;
        }
        return answer(true, this.mute ? 0 : 1);
      case 'xb':
        if (!read) {
          if (!this.power || !Object.values(LG_INPUTS).includes(cmd.data as never)) return answer(false, cmd.data);
          this.input = cmd.data;
        }
        return answer(true, this.input);
      default:
        return answer(false, cmd.data);
    }
  }
}
