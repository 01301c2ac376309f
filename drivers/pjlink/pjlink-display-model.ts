import { EventEmitter } from 'node:events';
import {
  ERROR_STATUS_FIELDS,
  encodeErrorStatus,
  isValidInputCode,
  parseErrorStatus,
  type ErrorStatus,
  type PjlinkClass,
  type PowerState,
} from './pjlink-codec.js';

export interface PjlinkDisplayOptions {
  name?: string;
  /** Time from POWR 1 to "on"; INPT and AVMT answer ERR3 meanwhile. */
  warmupMs?: number;
  /** Time from POWR 0 to "standby"; POWR 1 answers ERR3 meanwhile. */
  cooldownMs?: number;
  inputs?: string[];
  /** MAC address answered to the class 2 UDP search. */
  mac?: string;
  /** Lamp hours at start. */
  lampHours?: number;
  /** Real time per lamp hour; shorten it to watch hours grow in a demo. */
  lampHourMs?: number;
  /** SVOL/MVOL steps from silent to full. */
  volumeSteps?: number;
  /** A class 1 display answers every %2 command ERR1 and CLSS ? with 1. Default 2. */
  pjlinkClass?: PjlinkClass;
  /** Only AVMT 30/31 (sound and picture together); 10/11/20/21 answer ERR2. */
  avmtCombinedOnly?: boolean;
  /** NAME, INF1 and INF2 answer ERR1: a display that does not say what it is. */
  identityUnsupported?: boolean;
}

const QUERY_ONLY = new Set(['ERST', 'LAMP', 'INST', 'NAME', 'INF1', 'INF2', 'INFO', 'CLSS', 'SNUM', 'SVER']);
const CLASS_2_ONLY = new Set(['SVOL', 'MVOL', 'SNUM', 'SVER', 'FREZ']);
const IDENTITY = new Set(['NAME', 'INF1', 'INF2']);

/**
 * The state machine of a PJLink class 2 display, with no sockets: one command line in, one
 * reply line out. Warm-up and cool-down are computed from timestamps rather than timers, so a
 * display that nobody asks keeps no timer alive. Emits 'command' (line) for every command.
 */
/** A simulated display's name and lamp timings unless given others (`roomctl sim pjlink` declares the same). */
export const PJLINK_DISPLAY_DEFAULTS = { name: 'Simulated Display', warmupMs: 3000, cooldownMs: 2000 } as const;

export class PjlinkDisplay extends EventEmitter {
  /** Every command line received (auth digest stripped), oldest first. */
  readonly received: string[] = [];
  name: string;
  inputs: string[];
  input: string;
  videoMuted = false;
  audioMuted = false;
  volume: number;
  micVolume: number;
  frozen = false;
  errorStatus: ErrorStatus = { fan: 'ok', lamp: 'ok', temperature: 'ok', cover: 'ok', filter: 'ok', other: 'ok' };
  readonly mac: string;
  private readonly opts: Required<Omit<PjlinkDisplayOptions, 'name' | 'inputs' | 'mac' | 'pjlinkClass' | 'avmtCombinedOnly' | 'identityUnsupported'>>;
  readonly pjlinkClass: PjlinkClass;
  private readonly avmtCombinedOnly: boolean;
  private readonly identityUnsupported: boolean;
  private target: 'on' | 'standby' = 'standby';
  private transitionEndsAt = 0;
  private lampOnMs = 0;
  private lampLitAt: number | undefined;

  constructor(options: PjlinkDisplayOptions = {}) {
    super();
    const { warmupMs, cooldownMs } = PJLINK_DISPLAY_DEFAULTS;
    this.opts = { warmupMs, cooldownMs, lampHours: 1234, lampHourMs: 3_600_000, volumeSteps: 20, ...stripUndefined(options) };
    this.name = options.name ?? PJLINK_DISPLAY_DEFAULTS.name;
    this.inputs = options.inputs ?? ['11', '12', '31', '32', '33', '51'];
    this.input = this.inputs.includes('31') ? '31' : this.inputs[0]!;
    this.mac = options.mac ?? '02:00:00:4a:4c:4b';
    this.volume = Math.round(this.opts.volumeSteps / 2);
    this.micVolume = this.volume;
    this.pjlinkClass = options.pjlinkClass ?? 2;
    this.avmtCombinedOnly = options.avmtCombinedOnly ?? false;
    this.identityUnsupported = options.identityUnsupported ?? false;
  }

  get power(): PowerState {
    const settling = Date.now() < this.transitionEndsAt;
    if (this.target === 'on') return settling ? 'warming' : 'on';
    return settling ? 'cooling' : 'standby';
  }

  get lampHours(): number {
    const lit = this.lampLitAt === undefined ? 0 : Date.now() - this.lampLitAt;
    return this.opts.lampHours + Math.floor((this.lampOnMs + lit) / this.opts.lampHourMs);
  }

  /** Test hook: `setErrorStatus({lamp: 'error'})` or the raw six digits `'020000'`. */
  setErrorStatus(status: Partial<ErrorStatus> | string): void {
    const parsed = typeof status === 'string' ? parseErrorStatus(status) : { ...this.errorStatus, ...status };
    if (!parsed) throw new RangeError(`not an ERST value: ${String(status)}`);
    this.errorStatus = parsed;
  }

  /** Answer one command line (no CR, no digest). Returns the reply line, or undefined for noise. */
  handle(line: string): string | undefined {
    this.received.push(line);
    this.emit('command', line);
    return this.apply(line);
  }

  /** Run a command line without recording it as received (the remote control, the front buttons). */
  apply(line: string): string | undefined {
    const m = /^%([12])([A-Z0-9]{4}) (.{0,128})$/s.exec(line);
    if (!m) {
      const header = /^%([12])([A-Z0-9]{4})/.exec(line);
      return header ? `%${header[1]}${header[2]}=ERR2` : undefined;
    }
    const pjlinkClass = Number(m[1]) as PjlinkClass;
    const command = m[2]!;
    const param = m[3]!;
    const answer = (value: string) => `%${pjlinkClass}${command}=${value}`;
    if (pjlinkClass > this.pjlinkClass) return answer('ERR1');
    if (CLASS_2_ONLY.has(command) && pjlinkClass !== 2) return answer('ERR1');
    if (QUERY_ONLY.has(command) && param !== '?') return answer('ERR2');
    if (IDENTITY.has(command) && this.identityUnsupported) return answer('ERR1');
    return answer(this.run(command, param, pjlinkClass));
  }

  private run(command: string, param: string, pjlinkClass: PjlinkClass): string {
    const on = this.power === 'on';
    switch (command) {
      case 'POWR':
        return this.powr(param);
      case 'INPT':
        if (param === '?') return on ? this.input : 'ERR3';
        if (!isValidInputCode(param, pjlinkClass) || !this.inputs.includes(param)) return 'ERR2';
        if (!on) return 'ERR3';
        this.input = param;
        return 'OK';
      case 'AVMT':
        return this.avmt(param, on);
      case 'ERST':
        return encodeErrorStatus(this.errorStatus);
      case 'LAMP':
        return `${this.lampHours} ${this.lampLitAt === undefined ? 0 : 1}`;
      case 'INST':
        return this.inputs.join(' ');
      case 'NAME':
        return this.name;
      case 'INF1':
        return 'roomctl';
      case 'INF2':
        return 'PJLink Simulator';
      case 'INFO':
        return 'class 2 simulator';
      case 'CLSS':
        return String(this.pjlinkClass);
      case 'SNUM':
        return 'SIM0001';
      case 'SVER':
        return '1.0.0';
      case 'SVOL':
      case 'MVOL':
        return this.step(command, param, on);
      case 'FREZ':
        if (param === '?') return this.frozen ? '1' : '0';
        if (param !== '0' && param !== '1') return 'ERR2';
        if (!on) return 'ERR3';
        this.frozen = param === '1';
        return 'OK';
      default:
        return 'ERR1';
    }
  }

  private powr(param: string): string {
    const now = Date.now();
    const state = this.power;
    if (param === '?') return { standby: '0', on: '1', cooling: '2', warming: '3' }[state];
    if (param === '1') {
      if (state === 'cooling') return 'ERR3';
      if (state === 'standby') {
        this.target = 'on';
        this.transitionEndsAt = now + this.opts.warmupMs;
        this.lampLitAt = now;
      }
      return 'OK';
    }
    if (param === '0') {
      if (state === 'warming') return 'ERR3';
      if (state === 'on') {
        this.target = 'standby';
        this.transitionEndsAt = now + this.opts.cooldownMs;
        if (this.lampLitAt !== undefined) this.lampOnMs += now - this.lampLitAt;
        this.lampLitAt = undefined;
        this.videoMuted = this.audioMuted = false;
      }
      return 'OK';
    }
    return 'ERR2';
  }

  private avmt(param: string, on: boolean): string {
    if (param === '?') {
      if (!on) return 'ERR3';
      return this.videoMuted && this.audioMuted ? '31' : this.videoMuted ? '11' : this.audioMuted ? '21' : '30';
    }
    const m = /^([123])([01])$/.exec(param);
    if (!m) return 'ERR2';
    if (this.avmtCombinedOnly && m[1] !== '3') return 'ERR2';
    if (!on) return 'ERR3';
    const muted = m[2] === '1';
    if (m[1] !== '2') this.videoMuted = muted;
    if (m[1] !== '1') this.audioMuted = muted;
    return 'OK';
  }

  /** SVOL/MVOL only step: 1 up, 0 down, clamped at the ends like a real remote control. */
  private step(command: 'SVOL' | 'MVOL', param: string, on: boolean): string {
    if (param !== '0' && param !== '1') return 'ERR2';
    if (!on) return 'ERR3';
    const key = command === 'SVOL' ? 'volume' : 'micVolume';
    this[key] = Math.min(this.opts.volumeSteps, Math.max(0, this[key] + (param === '1' ? 1 : -1)));
    return 'OK';
  }

  /** For logs and the demo: the display as one line. */
  describe(): string {
    const errors = ERROR_STATUS_FIELDS.filter((f) => this.errorStatus[f] !== 'ok').map((f) => `${f}:${this.errorStatus[f]}`);
    return `${this.power} input=${this.input} mute=${this.videoMuted || this.audioMuted} vol=${this.volume}${errors.length ? ` errors=${errors.join(',')}` : ''}`;
  }
}

function stripUndefined<T extends object>(value: T): Partial<T> {
  return Object.fromEntries(Object.entries(value).filter(([, v]) => v !== undefined)) as Partial<T>;
}
