import { EventEmitter } from 'node:events';
import {
  VISCA_COMMANDS as C,
  match,
  PAN_TILT_DIRECTIONS,
  type SlotValues,
  VISCA_BROADCAST,
  VISCA_ERRORS,
  VISCA_MAX_FRAME_LENGTH,
  VISCA_SOCKETS,
  viscaReply,
} from './visca-codec.js';
import type { ViscaCommandTemplate } from './visca-command-template.js';
import { viscaProfile, type Range, type ViscaModel, type ViscaProfile } from './visca-profiles.js';
import type { ViscaQuirk } from './visca-sim-quirks.js';

export interface ViscaCameraSimulatorOptions {
  /** Address before any address set; in a chain, its position (1 = nearest the controller). */
  address?: number;
  model?: ViscaModel;
  power?: 'on' | 'standby';
  /** Motion step; positions move every tick at the commanded speed. */
  tickMs?: number;
  /** Pan/tilt units per second at the profile's top speed (fast, so tests do not wait). */
  panTiltUnitsPerSecond?: number;
  /** Zoom and focus units per second at top speed. */
  lensUnitsPerSecond?: number;
  /** Quirk profiles to play (visca-sim-quirks.ts). */
  quirks?: readonly ViscaQuirk[];
}

type Axis = 'pan' | 'tilt' | 'zoom' | 'focus';
type Position = Record<Axis, number>;

/** Travel to a target that ends with a completion on `socket` (recall, home, absolute, zoom direct). */
interface Job {
  socket: number;
  targets: Partial<Position>;
  rates: Partial<Position>;
}

/**
 * A VISCA camera with state: power, positions that move over time at the commanded speed,
 * presets that remember positions, two command sockets, and inquiries that tell the truth.
 * Transport-agnostic: `handle(frame)` returns the immediate replies; replies that come
 * later (a completion when travel ends) are emitted as 'reply'. Events: 'frame' (each frame
 * received), 'reply' (bytes to send). Every frame received is kept in `received`.
 */
export class ViscaCameraSimulator extends EventEmitter {
  readonly received: Uint8Array[] = [];
  readonly profile: ViscaProfile;
  address: number;
  power: 'on' | 'standby';
  focusMode: 'auto' | 'manual' = 'auto';
  readonly position: Position;
  readonly presets = new Map<number, Position>();
  /** Most sockets busy at once (travel ACKed, not yet completed): a camera holds two. */
  maxBusySockets = 0;
  /** Error replies sent, by error name: `buffer_full` means a controller overran the sockets. */
  readonly errorsSent: Record<string, number> = {};
  /** Continuous drive in units per second (pan-tilt drive, zoom/focus tele/wide). */
  private readonly velocity: Position = { pan: 0, tilt: 0, zoom: 0, focus: 0 };
  private readonly jobs: Job[] = [];
  private ticker: NodeJS.Timeout | undefined;
  private lastTick = 0;
  private readonly o: Required<Omit<ViscaCameraSimulatorOptions, 'model' | 'address' | 'power' | 'quirks'>>;
  readonly quirks: ReadonlySet<ViscaQuirk>;
  private readonly rules: Rule[];

  constructor(options: ViscaCameraSimulatorOptions = {}) {
    super();
    this.address = options.address ?? 1;
    this.quirks = new Set(options.quirks ?? []);
    const profile = viscaProfile(options.model);
    this.profile = this.quirks.has('presets-0-127') ? { ...profile, presetMax: Math.min(profile.presetMax, 127) } : profile;
    this.power = options.power ?? 'on';
    this.position = { pan: 0, tilt: 0, zoom: this.profile.zoom.min, focus: this.profile.focus.min };
    this.o = {
      tickMs: options.tickMs ?? 20,
      panTiltUnitsPerSecond: options.panTiltUnitsPerSecond ?? 4000,
      lensUnitsPerSecond: options.lensUnitsPerSecond ?? 0x4000,
    };
    this.rules = this.buildRules();
  }

  /** Where the camera is now, rounded to whole units as an inquiry reports it. */
  get reported(): Position {
    const p = this.position;
    return { pan: Math.round(p.pan), tilt: Math.round(p.tilt), zoom: Math.round(p.zoom), focus: Math.round(p.focus) };
  }

  get moving(): boolean {
    return this.jobs.length > 0 || Object.values(this.velocity).some((v) => v !== 0);
  }

  handle(frame: Uint8Array): Uint8Array[] {
    this.received.push(frame.slice());
    this.emit('frame', frame);
    if (frame[0] === VISCA_BROADCAST) return this.broadcast(frame);
    if (frame[0] !== (0x80 | this.address)) return []; // another camera's frame
    if (frame.length > VISCA_MAX_FRAME_LENGTH) return this.counted([viscaReply.error(this.address, 0, 'length')]);
    if (this.quirks.has('silent-position-inquiry') && match(C.panTiltPositionInquiry, frame)) return [];
    const inquiry = this.inquire(frame);
    return inquiry ? [inquiry] : this.counted(this.command(frame));
  }

  private counted(replies: Uint8Array[]): Uint8Array[] {
    for (const r of replies) {
      if (r[1] !== undefined && r[1] >> 4 === 0x6) {
        const name = VISCA_ERRORS[r[2] as keyof typeof VISCA_ERRORS] ?? 'unknown';
        this.errorsSent[name] = (this.errorsSent[name] ?? 0) + 1;
      }
    }
    return replies;
  }

  /** Stop the motion clock; the camera keeps its state but nothing moves any more. */
  close(): void {
    this.stopTicking();
  }

  private broadcast(frame: Uint8Array): Uint8Array[] {
    if (frame.length === 4 && frame[1] === 0x30) {
      // Address set `88 30 0n FF`: take n, pass n+1 on; the last camera's answer reaches the controller.
      const n = frame[2]!;
      if (n >= 1 && n <= 7) this.address = n;
      return [Uint8Array.of(VISCA_BROADCAST, 0x30, n + 1, 0xff)];
    }
    if (match(C.ifClear, frame)) {
      this.jobs.length = 0; // buffered commands are dropped without a reply
      return [viscaReply.ifClear()];
    }
    return [];
  }

  private inquire(frame: Uint8Array): Uint8Array | undefined {
    const [a, r] = [this.address, this.reported];
    if (match(C.powerInquiry, frame)) return viscaReply.power(a, this.power);
    if (match(C.zoomPositionInquiry, frame)) return viscaReply.position16(a, r.zoom);
    if (match(C.focusPositionInquiry, frame)) return viscaReply.position16(a, r.focus);
    // Not implemented under `no-position-inquiry`: it falls through to the commands, which answer syntax error.
    if (match(C.panTiltPositionInquiry, frame) && !this.quirks.has('no-position-inquiry')) return viscaReply.position16(a, r.pan, r.tilt);
    return undefined;
  }

  private command(frame: Uint8Array): Uint8Array[] {
    const a = this.address;
    const cancel = match(C.cancel, frame);
    if (cancel) {
      const job = this.jobs.findIndex((j) => j.socket === cancel.socket);
      if (job < 0) return [viscaReply.error(a, cancel.socket, 'no_socket')];
      this.jobs.splice(job, 1);
      return [viscaReply.error(a, cancel.socket, 'cancelled')];
    }
    const action = this.parse(frame);
    if (action === 'syntax') return [viscaReply.error(a, 0, 'syntax')];
    // A movement ends travel on the axes it moves, which frees that travel's socket.
    const ending = this.jobs.filter((j) => action.axes?.some((axis) => axis in j.targets));
    const socket = VISCA_SOCKETS.find((s) => !this.jobs.some((j) => j.socket === s && !ending.includes(j)));
    if (socket === undefined) return [viscaReply.error(a, 0, 'buffer_full')];
    if (this.power === 'standby' && !action.inStandby) return [viscaReply.error(a, socket, 'not_executable')];
    // The ended travel completes first, then the new command is ACKed.
    const replies = this.finishJobsOn(action.axes ?? []);
    replies.push(viscaReply.ack(a, socket));
    const job = action.run();
    if (!job) replies.push(viscaReply.completion(a, socket));
    else {
      this.jobs.push({ socket, ...job });
      this.maxBusySockets = Math.max(this.maxBusySockets, this.jobs.length);
      this.ensureTicking();
    }
    return replies;
  }

  /** The command's effect, or 'syntax' for bytes no command template fits or values out of range. */
  private parse(frame: Uint8Array): Effect | 'syntax' {
    for (const rule of this.rules) {
      const effect = rule(frame);
      if (effect) return effect;
    }
    return 'syntax';
  }

  /** One rule per command template: what the camera does with it. */
  private buildRules(): Rule[] {
    const p = this.profile;
    const lens = (speed: number) => ((speed + 1) / 8) * this.o.lensUnitsPerSecond;
    const ptRate = (v: { panSpeed: number; tiltSpeed: number }) => ({
      pan: (v.panSpeed / p.panSpeedMax) * this.o.panTiltUnitsPerSecond,
      tilt: (v.tiltSpeed / p.tiltSpeedMax) * this.o.panTiltUnitsPerSecond,
    });
    const speedsOk = (v: { panSpeed: number; tiltSpeed: number }) =>
      v.panSpeed >= 1 && v.panSpeed <= p.panSpeedMax && v.tiltSpeed >= 1 && v.tiltSpeed <= p.tiltSpeedMax;
    const fullSpeed = () => ({
      ...ptRate({ panSpeed: p.panSpeedMax, tiltSpeed: p.tiltSpeedMax }),
      zoom: this.o.lensUnitsPerSecond,
      focus: this.o.lensUnitsPerSecond,
    });
    const travel = (targets: Partial<Position>, rates: Partial<Position> = fullSpeed()) => ({ targets, rates });
    const zoomDrive = (rate: number): Effect => ({ axes: ['zoom'], run: () => this.drive('zoom', rate) });
    const focusDrive = (rate: number): Effect => ({ axes: ['focus'], run: () => this.drive('focus', rate) });
    const lensSpeedOk = (speed: number, max: number, effect: Effect) => (speed <= max ? effect : 'syntax');
    const presetOk = (preset: number, effect: Effect) => (preset <= p.presetMax ? effect : 'syntax');
    // Pan 02 is right (+), tilt 01 is up (+), 03 holds the axis still.
    const sign = (b: number, positive: number) => (b === 0x03 ? 0 : b === positive ? 1 : -1);
    const isDirection = (x: number, y: number) => Object.values(PAN_TILT_DIRECTIONS).some(([dx, dy]) => dx === x && dy === y);
    return [
      rule(C.powerOn, () => ({ inStandby: true, run: () => void (this.power = 'on') })),
      rule(C.powerStandby, () => ({ inStandby: true, axes: ['pan', 'tilt', 'zoom', 'focus'], run: () => this.standby() })),
      rule(C.zoomStop, () => zoomDrive(0)),
      rule(C.zoomTele, () => zoomDrive(lens(2))),
      rule(C.zoomWide, () => zoomDrive(-lens(2))),
      rule(C.zoomTeleVariable, (v) => lensSpeedOk(v.speed, p.zoomSpeedMax, zoomDrive(lens(v.speed)))),
      rule(C.zoomWideVariable, (v) => lensSpeedOk(v.speed, p.zoomSpeedMax, zoomDrive(-lens(v.speed)))),
      rule(C.zoomDirect, (v) => ({ axes: ['zoom'], run: () => travel({ zoom: clamp(v.position, p.zoom) }) })),
      rule(C.focusAuto, () => ({ run: () => void (this.focusMode = 'auto') })),
      rule(C.focusManual, () => ({ run: () => void (this.focusMode = 'manual') })),
      rule(C.focusOnePush, () => ({ run: () => undefined })),
      rule(C.focusStop, () => focusDrive(0)),
      rule(C.focusFarVariable, (v) => lensSpeedOk(v.speed, p.focusSpeedMax, focusDrive(lens(v.speed)))),
      rule(C.focusNearVariable, (v) => lensSpeedOk(v.speed, p.focusSpeedMax, focusDrive(-lens(v.speed)))),
      rule(C.focusDirect, (v) => ({
        axes: ['focus'],
        run: () => {
          this.focusMode = 'manual';
          return travel({ focus: clamp(v.position, p.focus) });
        },
      })),
      rule(C.panTiltDrive, (v) => {
        if (!speedsOk(v) || !isDirection(v.panDirection, v.tiltDirection)) return 'syntax';
        const rate = ptRate(v);
        return {
          axes: ['pan', 'tilt'],
          run: () => {
            this.drive('pan', sign(v.panDirection, 0x02) * rate.pan);
            this.drive('tilt', sign(v.tiltDirection, 0x01) * rate.tilt);
          },
        };
      }),
      rule(C.panTiltAbsolute, (v) =>
        speedsOk(v) ? { axes: ['pan', 'tilt'], run: () => travel({ pan: clamp(v.pan, p.pan), tilt: clamp(v.tilt, p.tilt) }, ptRate(v)) } : 'syntax',
      ),
      rule(C.panTiltRelative, (v) =>
        speedsOk(v)
          ? {
              axes: ['pan', 'tilt'],
              run: () => travel({ pan: clamp(this.position.pan + v.pan, p.pan), tilt: clamp(this.position.tilt + v.tilt, p.tilt) }, ptRate(v)),
            }
          : 'syntax',
      ),
      rule(C.panTiltHome, () => ({ axes: ['pan', 'tilt'], run: () => travel({ pan: 0, tilt: 0 }) })),
      rule(C.panTiltReset, () => ({ axes: ['pan', 'tilt'], run: () => travel({ pan: 0, tilt: 0 }) })),
      rule(C.presetSet, (v) => presetOk(v.preset, { run: () => void this.presets.set(v.preset, { ...this.reported }) })),
      rule(C.presetReset, (v) => presetOk(v.preset, { run: () => void this.presets.delete(v.preset) })),
      rule(C.presetRecall, (v) =>
        presetOk(v.preset, {
          axes: ['pan', 'tilt', 'zoom', 'focus'],
          // An unset preset sends the camera to its factory position, as Sony cameras do.
          run: () => travel(this.presets.get(v.preset) ?? { pan: 0, tilt: 0, zoom: p.zoom.min, focus: this.position.focus }),
        }),
      ),
    ];
  }

  private drive(axis: Axis, unitsPerSecond: number): void {
    this.velocity[axis] = unitsPerSecond;
    if (unitsPerSecond !== 0) this.ensureTicking();
  }

  private standby(): void {
    this.power = 'standby';
    for (const axis of Object.keys(this.velocity) as Axis[]) this.velocity[axis] = 0;
  }

  /** Complete travel that touches `axes` and stop drives on them. */
  private finishJobsOn(axes: Axis[]): Uint8Array[] {
    const done: Uint8Array[] = [];
    for (let i = this.jobs.length - 1; i >= 0; i--) {
      const job = this.jobs[i]!;
      if (axes.some((axis) => axis in job.targets)) {
        this.jobs.splice(i, 1);
        done.unshift(viscaReply.completion(this.address, job.socket));
      }
    }
    for (const axis of axes) this.velocity[axis] = 0;
    return done;
  }

  private ensureTicking(): void {
    if (this.ticker) return;
    this.lastTick = Date.now();
    this.ticker = setInterval(() => this.tick(), this.o.tickMs);
    this.ticker.unref();
  }

  private tick(): void {
    const now = Date.now();
    const dt = (now - this.lastTick) / 1000;
    this.lastTick = now;
    const ranges: Record<Axis, Range> = this.profile;
    for (const axis of Object.keys(this.velocity) as Axis[]) {
      if (this.velocity[axis] !== 0) this.position[axis] = clamp(this.position[axis] + this.velocity[axis] * dt, ranges[axis]);
    }
    for (const job of [...this.jobs]) {
      let arrived = true;
      for (const [axis, target] of Object.entries(job.targets) as [Axis, number][]) {
        const step = (job.rates[axis] ?? this.o.lensUnitsPerSecond) * dt;
        const delta = target - this.position[axis];
        this.position[axis] = Math.abs(delta) <= step ? target : this.position[axis] + Math.sign(delta) * step;
        if (this.position[axis] !== target) arrived = false;
      }
      if (arrived) {
        this.jobs.splice(this.jobs.indexOf(job), 1);
        this.emit('reply', viscaReply.completion(this.address, job.socket));
      }
    }
    if (!this.moving) this.stopTicking();
  }

  private stopTicking(): void {
    clearInterval(this.ticker);
    this.ticker = undefined;
  }
}

/** What a command does: `run` changes the state and returns travel that completes later, if any. */
interface Effect {
  /** Axes it moves: running travel on them completes first. */
  axes?: Axis[];
  /** Power commands work in standby; everything else is "not executable" there. */
  inStandby?: boolean;
  run(): Omit<Job, 'socket'> | void;
}
type Rule = (frame: Uint8Array) => Effect | 'syntax' | undefined;

function rule<T extends string>(template: ViscaCommandTemplate<T>, effect: (values: SlotValues<T>) => Effect | 'syntax'): Rule {
  return (frame) => {
    const values = match(template, frame);
    return values && effect(values);
  };
}

const clamp = (value: number, range: Range) => Math.min(range.max, Math.max(range.min, value));
