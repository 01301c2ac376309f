import {
  BRAVIA_FUNCTIONS,
  BRAVIA_INPUTS,
  DONE,
  NOTHING,
  REFUSED,
  encodeBravia,
  inputOf,
  inputParam,
  numberOf,
  numberParam,
  type BraviaInput,
  type BraviaMessage,
} from './bravia-codec.js';

export interface BraviaDisplayOptions {
  /** "Remote start" off: in standby the display refuses power on over the network. */
  noRemoteStart?: boolean;
  /** Some models and firmware send no notifications (`*SN…`) at all. */
  noNotifications?: boolean;
  /** The inputs this model has; default every input the codec names. */
  inputs?: readonly BraviaInput[];
}

/**
 * The display a simulator plays: power, input, volume, mute, as the protocol description
 * says a BRAVIA answers them. A control is answered (`A`), then, when something changed,
 * notified (`N`) to every session; picture and sound controls are refused in standby.
 */
export class BraviaDisplayModel {
  power = false;
  input: BraviaInput = 'hdmi1';
  volume = 20;
  mute = false;
  /** Messages received, for tests that count what reached the display. */
  readonly received: BraviaMessage[] = [];

  constructor(private readonly options: BraviaDisplayOptions = {}) {}

  private get inputs(): readonly BraviaInput[] {
    return this.options.inputs ?? (Object.keys(BRAVIA_INPUTS) as BraviaInput[]);
  }

  /** The answer to one message, and the notifications it causes. */
  handle(message: BraviaMessage): { answer: string; notifications: string[] } {
    this.received.push(message);
    const answer = (param: string) => encodeBravia({ type: 'A', fn: message.fn, param });
    const notify = (param: string) => (this.options.noNotifications ? [] : [encodeBravia({ type: 'N', fn: message.fn, param })]);
    if (message.type === 'E') {
      const value = this.read(message.fn);
      return { answer: answer(value ?? REFUSED), notifications: [] };
    }
    if (message.type !== 'C') return { answer: answer(REFUSED), notifications: [] };
    const before = this.read(message.fn);
    if (!this.apply(message.fn, message.param)) return { answer: answer(REFUSED), notifications: [] };
    const after = this.read(message.fn)!;
    return { answer: answer(DONE), notifications: after !== before ? notify(after) : [] };
  }

  private read(fn: string): string | undefined {
    switch (fn) {
      case BRAVIA_FUNCTIONS.power:
        return numberParam(this.power ? 1 : 0);
      case BRAVIA_FUNCTIONS.input:
        return this.power ? inputParam(this.input) : NOTHING;
      case BRAVIA_FUNCTIONS.volume:
        return numberParam(this.volume);
      case BRAVIA_FUNCTIONS.mute:
        return numberParam(this.mute ? 1 : 0);
      default:
        return undefined;
    }
  }

  private apply(fn: string, param: string): boolean {
    const value = numberOf(param);
    switch (fn) {
      case BRAVIA_FUNCTIONS.power:
        if (value !== 0 && value !== 1) return false;
        if (value === 1 && !this.power && this.options.noRemoteStart) return false;
        this.power = value === 1;
        return true;
      case BRAVIA_FUNCTIONS.input: {
        const input = inputOf(param);
        if (!this.power || !input || !this.inputs.includes(input)) return false;
        this.input = input;
        return true;
      }
      case BRAVIA_FUNCTIONS.volume:
        if (!this.power || value === undefined || value > 100) return false;
        this.volume = value;
        return true;
      case BRAVIA_FUNCTIONS.mute:
        if (!this.power || (value !== 0 && value !== 1)) return false;
        this.mute = value === 1;
        return true;
      default:
        return false;
    }
  }
}
