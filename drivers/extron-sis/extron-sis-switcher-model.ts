import { ESC, type NumberStyle, sisReply } from './extron-sis-codec.js';

export interface ExtronSwitcherOptions {
  model?: string;
  firmware?: string;
  partNumber?: string;
  inputs?: number;
  outputs?: number;
  /** Telnet password; none: the session is open at once. */
  password?: string;
  /** How numbers are written in answers (`Out2 In1 All` or, on CrossPoint and MAV Plus, `Out02 In01 All`). */
  numbers?: NumberStyle;
  /** Small switchers have no verbose-mode command: they answer E10 to `Esc 3CV`. */
  noVerboseMode?: boolean;
}

/** What one command got: the answer to its sender, and what sessions in verbose mode are told. */
interface SwitcherAnswer {
  reply: string;
  /** Set when the verbose mode of the sending session changed. */
  verbose?: number;
}

/**
 * Reads SIS commands from a byte stream as a switcher does: digits and `*` gather until a
 * command character; an Esc command runs to its CR. Line ends between commands are ignored.
 */
export class SisCommandReader {
  private buffer = '';

  push(chunk: string): string[] {
    this.buffer += chunk;
    const commands: string[] = [];
    for (;;) {
      this.buffer = this.buffer.replace(/^[\r\n ]+/, '');
      if (!this.buffer) break;
      if (this.buffer.startsWith(ESC)) {
        const end = this.buffer.indexOf('\r');
        if (end < 0) break;
        commands.push(this.buffer.slice(0, end));
        this.buffer = this.buffer.slice(end + 1);
        continue;
      }
      const at = this.buffer.search(/[^0-9*]/);
      if (at < 0) {
        // Digits without a command character: wait for it, but not forever.
        if (this.buffer.length > 16) {
          commands.push(this.buffer);
          this.buffer = '';
        }
        break;
      }
      commands.push(this.buffer.slice(0, at + 1));
      this.buffer = this.buffer.slice(at + 1);
    }
    return commands;
  }
}

/**
 * The switcher the simulator plays: inputs tied to outputs, audio and video together, and
 * its answers as the SIS command/response tables give them, refusals included.
 */
/** A DXP 44's size, which a simulated switcher has unless given another. */
export const EXTRON_SWITCHER_SIZE = { inputs: 4, outputs: 2 } as const;

export class ExtronSwitcherModel {
  readonly inputs: number;
  readonly outputs: number;
  /** Input tied to each output (index 0 = output 1); 0 = nothing tied. */
  readonly ties: number[];

  constructor(readonly options: ExtronSwitcherOptions = {}) {
    this.inputs = options.inputs ?? EXTRON_SWITCHER_SIZE.inputs;
    this.outputs = options.outputs ?? EXTRON_SWITCHER_SIZE.outputs;
    this.ties = Array.from({ length: this.outputs }, () => 1);
  }

  get style(): NumberStyle {
    return this.options.numbers ?? 'plain';
  }

  handle(command: string): SwitcherAnswer {
    let m: RegExpExecArray | null;
    if (command.startsWith(ESC)) {
      m = /^\x1b([0-3])CV$/i.exec(command);
      if (!m || this.options.noVerboseMode) return { reply: sisReply.line('E10') };
      return { reply: sisReply.line(`Vrb${m[1]}`), verbose: Number(m[1]) };
    }
    if ((m = /^(\d{1,3})\*(\d{1,3})!$/.exec(command))) {
      const input = Number(m[1]);
      const output = Number(m[2]);
      if (input > this.inputs) return { reply: sisReply.line('E01') };
      if (output < 1 || output > this.outputs) return { reply: sisReply.line('E12') };
      this.ties[output - 1] = input;
      return { reply: sisReply.tie(output, input, this.style) };
    }
    if ((m = /^(\d{1,3})\*?!$/.exec(command))) {
      const input = Number(m[1]);
      if (input > this.inputs) return { reply: sisReply.line('E01') };
      this.ties.fill(input);
      return { reply: sisReply.all(input, this.style) };
    }
    switch (command.toUpperCase()) {
      case 'Q':
        return { reply: sisReply.line(this.options.firmware ?? '1.23') };
      case 'N':
        return { reply: sisReply.line(this.options.partNumber ?? '60-1234-01') };
      case 'I':
        return { reply: sisReply.line(`V${this.inputs}X${this.outputs} A${this.inputs}X${this.outputs}`) };
      default:
        return { reply: sisReply.line('E10') };
    }
  }

  /** A tie made with the front panel's buttons: what sessions in verbose mode are told. */
  pressFrontPanel(input: number, output: number): string {
    this.ties[output - 1] = input;
    return sisReply.tie(output, input, this.style);
  }
}
