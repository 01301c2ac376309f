import { EventEmitter } from 'node:events';

/** Presets a simulated PTZ node stores unless given another count. */
export const ONVIF_PRESETS = 16;

/** ONVIF generic spaces: pan and tilt -1..1, zoom 0..1. */
export interface PtzVector {
  pan: number;
  tilt: number;
  zoom: number;
}

export interface PtzLimits {
  pan: { min: number; max: number };
  tilt: { min: number; max: number };
  zoom: { min: number; max: number };
}

export interface OnvifPreset {
  token: string;
  name: string;
  position: PtzVector;
}

export interface OnvifPtzStateOptions {
  /** How many presets the camera stores (GetNodes MaximumNumberOfPresets). */
  maxPresets?: number;
  /** Mechanical or configured limits, e.g. a ceiling mount that cannot tilt up. */
  limits?: Partial<PtzLimits>;
  /** Generic-space units per second at speed 1 (fast, so tests do not wait). */
  unitsPerSecond?: number;
  tickMs?: number;
}

type Axis = keyof PtzVector;
const AXES: Axis[] = ['pan', 'tilt', 'zoom'];
const FULL: PtzLimits = { pan: { min: -1, max: 1 }, tilt: { min: -1, max: 1 }, zoom: { min: 0, max: 1 } };

/**
 * The mechanics of a simulated ONVIF PTZ camera: a position that moves over time at the
 * commanded velocity or towards a target, continuous moves that stop at their timeout,
 * presets and a home position. Transport-agnostic, like the VISCA camera core.
 * Events: 'moving' and 'idle' (PtzVector), for the event service.
 */
export class OnvifPtzState extends EventEmitter {
  readonly position: PtzVector = { pan: 0, tilt: 0, zoom: 0 };
  readonly limits: PtzLimits;
  readonly maxPresets: number;
  readonly presets = new Map<string, OnvifPreset>();
  home: PtzVector | undefined = { pan: 0, tilt: 0, zoom: 0 };
  private velocity: PtzVector = { pan: 0, tilt: 0, zoom: 0 };
  private target: { position: PtzVector; speed: PtzVector } | undefined;
  private velocityUntil = Infinity;
  private ticker: NodeJS.Timeout | undefined;
  private lastTick = 0;
  private readonly unitsPerSecond: number;
  private readonly tickMs: number;

  constructor(options: OnvifPtzStateOptions = {}) {
    super();
    this.maxPresets = options.maxPresets ?? ONVIF_PRESETS;
    this.limits = { ...FULL, ...options.limits };
    this.unitsPerSecond = options.unitsPerSecond ?? 2;
    this.tickMs = options.tickMs ?? 20;
  }

  get moving(): { panTilt: boolean; zoom: boolean } {
    const v = this.velocity;
    return { panTilt: v.pan !== 0 || v.tilt !== 0 || this.targetMoves(['pan', 'tilt']), zoom: v.zoom !== 0 || this.targetMoves(['zoom']) };
  }

  /** The continuous-move velocity in force (generic space, -1..1 per axis). */
  get currentVelocity(): PtzVector {
    return { ...this.velocity };
  }

  /** Whether a position lies inside the camera's limits. */
  within(p: PtzVector): boolean {
    return AXES.every((a) => p[a] >= this.limits[a].min && p[a] <= this.limits[a].max);
  }

  continuous(velocity: PtzVector, timeoutMs?: number): void {
    this.target = undefined;
    this.velocity = { ...velocity };
    this.velocityUntil = timeoutMs === undefined ? Infinity : Date.now() + timeoutMs;
    this.start();
  }

  moveTo(position: PtzVector, speed: PtzVector = { pan: 1, tilt: 1, zoom: 1 }): void {
    this.velocity = { pan: 0, tilt: 0, zoom: 0 };
    this.target = { position: this.clamp(position), speed };
    this.start();
  }

  stop(axes: { panTilt: boolean; zoom: boolean } = { panTilt: true, zoom: true }): void {
    if (axes.panTilt) this.velocity = { ...this.velocity, pan: 0, tilt: 0 };
    if (axes.zoom) this.velocity = { ...this.velocity, zoom: 0 };
    if (this.target) {
      // Stopping travel freezes the stopped axes where they are.
      const p = this.target.position;
      this.target.position = {
        pan: axes.panTilt ? this.position.pan : p.pan,
        tilt: axes.panTilt ? this.position.tilt : p.tilt,
        zoom: axes.zoom ? this.position.zoom : p.zoom,
      };
    }
    this.tick();
  }

  close(): void {
    clearInterval(this.ticker);
    this.ticker = undefined;
  }

  private clamp(p: PtzVector): PtzVector {
    const c = (a: Axis) => Math.min(this.limits[a].max, Math.max(this.limits[a].min, p[a]));
    return { pan: c('pan'), tilt: c('tilt'), zoom: c('zoom') };
  }

  private targetMoves(axes: Axis[]): boolean {
    return this.target !== undefined && axes.some((a) => this.target!.position[a] !== this.position[a]);
  }

  private start(): void {
    if (this.ticker) return;
    this.lastTick = Date.now();
    this.emit('moving', { ...this.position });
    this.ticker = setInterval(() => this.tick(), this.tickMs);
    this.ticker.unref();
  }

  private tick(): void {
    const now = Date.now();
    const dt = (now - this.lastTick) / 1000;
    this.lastTick = now;
    if (now >= this.velocityUntil) this.velocity = { pan: 0, tilt: 0, zoom: 0 };
    for (const a of AXES) {
      if (this.velocity[a] !== 0) this.position[a] = this.clamp({ ...this.position, [a]: this.position[a] + this.velocity[a] * this.unitsPerSecond * dt })[a];
      const target = this.target;
      if (target) {
        const step = Math.max(0.01, Math.abs(target.speed[a] || 1)) * this.unitsPerSecond * dt;
        const delta = target.position[a] - this.position[a];
        this.position[a] = Math.abs(delta) <= step ? target.position[a] : this.position[a] + Math.sign(delta) * step;
      }
    }
    if (this.target && !this.targetMoves(['pan', 'tilt', 'zoom'])) this.target = undefined;
    const still = !this.moving.panTilt && !this.moving.zoom;
    if (still && this.ticker) {
      clearInterval(this.ticker);
      this.ticker = undefined;
      this.emit('idle', { ...this.position });
    }
  }
}
