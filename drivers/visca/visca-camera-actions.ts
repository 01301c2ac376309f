import { type ActionHandlers, runAction } from '../core/action-handlers.js';
import { RoomctlError } from '../core/errors.js';
import {
  VISCA_COMMANDS as C,
  decodeFocusPayload,
  decodePanTiltPayload,
  decodePowerPayload,
  decodeZoomPayload,
  directionOf,
  encode,
  panTiltDrive,
  type PowerState,
} from './visca-codec.js';
import type { ViscaCameraCapabilities } from './visca-camera-capability.js';
import type { ViscaOutcome, ViscaRequest } from './visca-command-channel.js';
import type { Range, ViscaModel, ViscaProfile } from './visca-profiles.js';

export interface ViscaCameraActionsOptions {
  address: number;
  model: ViscaModel;
  profile: ViscaProfile;
  send(request: ViscaRequest): Promise<ViscaOutcome>;
  publishState(patch: Record<string, unknown>): void;
  /** An inquiry answer that does not parse counts against the link. */
  noteIncoherence(reason: string): void;
  motionTimeoutMs: number;
}

/**
 * Shared and camera-specific actions → VISCA requests, scaled and range-checked for the
 * model's profile. Transport-agnostic, so VISCA over IP can reuse it as is.
 */
export class ViscaCameraActions {
  /**
   * Last commanded speeds. VISCA drives pan and tilt in one command, so `move {pan}` must
   * resend the tilt speed to keep tilt going; zoom is kept for the published state.
   */
  private drive = { pan: 0, tilt: 0, zoom: 0 };

  constructor(private readonly o: ViscaCameraActionsOptions) {}

  /** One handler per action the VISCA capabilities declare, each with its params' own type. */
  readonly handlers: ActionHandlers<ViscaCameraCapabilities> = {
    power: async ({ on }) => {
      await this.command(encode(on ? C.powerOn : C.powerStandby, { address: this.o.address }), `power ${on ? 'on' : 'standby'}`, { motion: true });
      this.o.publishState({ power: on ? 'on' : 'standby' });
    },
    move: (p) => this.move(p),
    stop: async () => {
      this.drive = { pan: 0, tilt: 0, zoom: 0 };
      await Promise.all([this.panTilt(0, 0), this.zoom(0)]);
      this.o.publishState({ motion: { pan: 0, tilt: 0, zoom: 0 } });
    },
    home: () => this.travelHome(C.panTiltHome, 'home'),
    reset: () => this.travelHome(C.panTiltReset, 'pan-tilt reset'),
    'preset.recall': async (p) => {
      this.endDrive();
      const preset = this.preset(p.preset);
      await this.command(encode(C.presetRecall, { address: this.o.address, preset }), `preset.recall ${preset}`, { motion: true });
      this.o.publishState({ lastPreset: preset });
    },
    'preset.save': async (p) => {
      const preset = this.preset(p.preset);
      await this.command(encode(C.presetSet, { address: this.o.address, preset }), `preset.save ${preset}`);
      this.o.publishState({ lastPreset: preset });
    },
    'preset.reset': async (p) => {
      const preset = this.preset(p.preset);
      await this.command(encode(C.presetReset, { address: this.o.address, preset }), `preset.reset ${preset}`);
    },
    'zoom.direct': async (p) => {
      const position = this.inRange('zoom position', p.position, this.o.profile.zoom);
      await this.command(encode(C.zoomDirect, { address: this.o.address, position }), `zoom.direct ${position}`, { motion: true });
      this.o.publishState({ zoom: position });
    },
    'zoom.drive': async ({ direction, speed }) => {
      const address = this.o.address;
      const standard = { tele: C.zoomTele, wide: C.zoomWide, stop: C.zoomStop }[direction];
      const bytes =
        direction === 'stop' || speed === undefined
          ? encode(standard, { address })
          : encode(direction === 'tele' ? C.zoomTeleVariable : C.zoomWideVariable, { address, speed: this.speed(speed, this.o.profile.zoomSpeedMax) });
      await this.o.send({ kind: 'command', bytes, label: `zoom ${direction}`, coalesce: 'zoom', stop: direction === 'stop' });
    },
    'focus.mode': async ({ mode }) => {
      const template = mode === 'auto' ? C.focusAuto : mode === 'manual' ? C.focusManual : C.focusOnePush;
      await this.command(encode(template, { address: this.o.address }), `focus ${mode}`);
      if (mode !== 'one-push') this.o.publishState({ focusMode: mode });
    },
    'focus.drive': async (p) => {
      const address = this.o.address;
      const speed = this.speed(p.speed, this.o.profile.focusSpeedMax);
      const bytes =
        p.direction === 'stop'
          ? encode(C.focusStop, { address })
          : encode(p.direction === 'far' ? C.focusFarVariable : C.focusNearVariable, { address, speed });
      await this.o.send({ kind: 'command', bytes, label: `focus ${p.direction}`, coalesce: 'focus', stop: p.direction === 'stop' });
    },
    'focus.direct': async (p) => {
      const position = this.inRange('focus position', p.position, this.o.profile.focus);
      await this.command(encode(C.focusDirect, { address: this.o.address, position }), `focus.direct ${position}`, { motion: true });
      this.o.publishState({ focus: position, focusMode: 'manual' });
    },
    'position.absolute': async (p) => {
      this.endDrive();
      const pan = this.inRange('pan', p.pan, this.o.profile.pan);
      const tilt = this.inRange('tilt', p.tilt, this.o.profile.tilt);
      await this.command(encode(C.panTiltAbsolute, { address: this.o.address, ...this.travelSpeeds(p.speed), pan, tilt }), `position.absolute ${pan},${tilt}`, {
        motion: true,
      });
      this.o.publishState({ position: { pan, tilt }, lastPreset: null });
    },
    'position.relative': async ({ pan, tilt, speed }) => {
      this.endDrive();
      const address = this.o.address;
      await this.command(encode(C.panTiltRelative, { address, ...this.travelSpeeds(speed), pan, tilt }), `position.relative ${pan},${tilt}`, { motion: true });
      // Where a relative move ends depends on where it began; ask rather than guess. A camera
      // without PanTiltPosInq has moved all the same: its position is then unknown, not an error.
      const position = await this.optionalInquiry('PanTiltPosInq', encode(C.panTiltPositionInquiry, { address }), decodePanTiltPayload);
      this.o.publishState({ position: position ?? null, lastPreset: null });
      return position ? { position } : { position: null, detail: 'the camera moved; it does not report its position (no PanTiltPosInq)' };
    },
    inquire: () => this.inquireAll(),
  };

  execute(action: string, params: Record<string, unknown>): Promise<unknown> {
    return runAction(this.handlers, action, params, 'VISCA camera');
  }

  /** Travel to a place ends the joystick's pan-tilt drive: its remembered speeds must not come back with the next move. */
  private endDrive(): void {
    this.drive = { ...this.drive, pan: 0, tilt: 0 };
  }

  private async travelHome(template: typeof C.panTiltHome | typeof C.panTiltReset, label: string): Promise<void> {
    this.endDrive();
    await this.command(encode(template, { address: this.o.address }), label, { motion: true });
    this.o.publishState({ position: { pan: 0, tilt: 0 }, lastPreset: null });
  }

  private async move(p: { pan?: number; tilt?: number; zoom?: number }): Promise<undefined> {
    const jobs: Promise<boolean>[] = [];
    if (p.pan !== undefined || p.tilt !== undefined) {
      this.drive = { ...this.drive, pan: p.pan ?? this.drive.pan, tilt: p.tilt ?? this.drive.tilt };
      jobs.push(this.panTilt(this.drive.pan, this.drive.tilt));
    }
    if (p.zoom !== undefined) {
      this.drive = { ...this.drive, zoom: p.zoom };
      jobs.push(this.zoom(p.zoom));
    }
    const sent = await Promise.all(jobs);
    // A superseded move never reached the camera; the move that replaced it publishes.
    if (sent.every(Boolean)) this.o.publishState({ motion: { ...this.drive } });
    return undefined;
  }

  /** Pan-tilt drive or stop; resolves false when a newer move replaced it before sending. */
  private async panTilt(pan: number, tilt: number): Promise<boolean> {
    const { panSpeedMax, tiltSpeedMax } = this.o.profile;
    const direction = directionOf(pan, tilt);
    const bytes = panTiltDrive(this.o.address, direction, axisSpeed(pan, panSpeedMax), axisSpeed(tilt, tiltSpeedMax));
    const stop = direction === 'stop';
    const outcome = await this.o.send({ kind: 'command', bytes, label: stop ? 'pan-tilt stop' : `pan-tilt ${direction}`, coalesce: 'pan-tilt', stop });
    return outcome.status === 'done';
  }

  private async zoom(zoom: number): Promise<boolean> {
    const address = this.o.address;
    const speed = this.speed(Math.abs(zoom), this.o.profile.zoomSpeedMax);
    const bytes = zoom === 0 ? encode(C.zoomStop, { address }) : encode(zoom > 0 ? C.zoomTeleVariable : C.zoomWideVariable, { address, speed });
    const outcome = await this.o.send({
      kind: 'command',
      bytes,
      label: zoom === 0 ? 'zoom stop' : `zoom ${zoom > 0 ? 'tele' : 'wide'}`,
      coalesce: 'zoom',
      stop: zoom === 0,
    });
    return outcome.status === 'done';
  }

  /** PowerInq, the cheapest question every VISCA camera answers: the connect handshake and the watchdog. */
  async inquirePower(): Promise<PowerState> {
    const outcome = await this.o.send({ kind: 'inquiry', bytes: encode(C.powerInquiry, { address: this.o.address }), label: 'PowerInq' });
    const power = outcome.status === 'done' ? decodePowerPayload(outcome.payload) : undefined;
    if (!power) {
      this.o.noteIncoherence('PowerInq answer is not on/standby');
      throw new RoomctlError('ROOMCTL_E_PROTOCOL', 'camera answered PowerInq with something that is not on/standby');
    }
    return power;
  }

  /**
   * Every position the camera reports. An inquiry the camera does not implement (error reply
   * or silence) is listed in `unsupported` and not asked again on this link; the others are
   * kept, published and answered.
   */
  private async inquireAll(): Promise<Record<string, unknown>> {
    const address = this.o.address;
    const power = await this.optionalInquiry('PowerInq', encode(C.powerInquiry, { address }), decodePowerPayload);
    const zoom = await this.optionalInquiry('ZoomPosInq', encode(C.zoomPositionInquiry, { address }), decodeZoomPayload);
    const focus = await this.optionalInquiry('FocusPosInq', encode(C.focusPositionInquiry, { address }), decodeFocusPayload);
    const position = await this.optionalInquiry('PanTiltPosInq', encode(C.panTiltPositionInquiry, { address }), decodePanTiltPayload);
    const read = { power, zoom, focus, ...(position ? { pan: position.pan, tilt: position.tilt } : {}) };
    const state = Object.fromEntries(Object.entries(read).filter(([, v]) => v !== undefined));
    this.o.publishState({
      ...(power ? { power } : {}),
      ...(zoom !== undefined ? { zoom } : {}),
      ...(focus !== undefined ? { focus } : {}),
      ...(position ? { position } : {}),
    });
    return { ...state, unsupported: [...this.unsupported] };
  }

  /** Inquiries this camera answered with an error or not at all: not asked again on this link. */
  private readonly unsupported = new Set<string>();

  private async optionalInquiry<T>(label: string, bytes: Uint8Array, decode: (payload: Uint8Array) => T | undefined): Promise<T | undefined> {
    if (this.unsupported.has(label)) return undefined;
    try {
      return await this.inquire(label, bytes, decode);
    } catch (err) {
      const code = (err as RoomctlError).code;
      // Silence to PowerInq is a silent camera, not a missing inquiry: the link's business.
      const unanswered = code === 'ROOMCTL_E_DEVICE_TIMEOUT' && label !== 'PowerInq';
      if (code !== 'ROOMCTL_E_DEVICE_REJECTED' && !unanswered) throw err;
      this.unsupported.add(label);
      return undefined;
    }
  }

  private async inquire<T>(label: string, bytes: Uint8Array, decode: (payload: Uint8Array) => T | undefined): Promise<T> {
    const outcome = await this.o.send({ kind: 'inquiry', bytes, label });
    const value = outcome.status === 'done' ? decode(outcome.payload) : undefined;
    if (value === undefined) {
      this.o.noteIncoherence(`${label} answer does not parse`);
      throw new RoomctlError('ROOMCTL_E_PROTOCOL', `camera answered ${label} with bytes that do not parse`);
    }
    return value;
  }

  private async command(bytes: Uint8Array, label: string, opts: { motion?: boolean } = {}): Promise<void> {
    await this.o.send({ kind: 'command', bytes, label, ...(opts.motion ? { completionTimeoutMs: this.o.motionTimeoutMs } : {}) });
  }

  private preset(value: unknown): number {
    const max = this.o.profile.presetMax;
    const preset = Number(value);
    if (!Number.isInteger(preset) || preset < 0 || preset > max) {
      throw new RoomctlError('ROOMCTL_E_ACTION_PARAMS', `preset ${String(value)} is out of range for model ${this.o.model}`, { allowed: `0..${max}` });
    }
    return preset;
  }

  private inRange(what: string, value: unknown, range: Range): number {
    const n = Number(value);
    if (!Number.isInteger(n) || n < range.min || n > range.max) {
      throw new RoomctlError('ROOMCTL_E_ACTION_PARAMS', `${what} ${String(value)} is out of range for model ${this.o.model}`, {
        allowed: `${range.min}..${range.max}`,
      });
    }
    return n;
  }

  /** A 0..1 fraction (default 1) → 0..max for the `p` of variable zoom/focus. */
  private speed(value: unknown, max: number): number {
    const fraction = typeof value === 'number' ? Math.min(1, Math.max(0, value)) : 1;
    return Math.round(fraction * max);
  }

  private travelSpeeds(value: unknown): { panSpeed: number; tiltSpeed: number } {
    const fraction = typeof value === 'number' ? value : 1;
    return { panSpeed: axisSpeed(fraction, this.o.profile.panSpeedMax), tiltSpeed: axisSpeed(fraction, this.o.profile.tiltSpeedMax) };
  }
}

/** |v| in 0..1 → speed byte 1..max. VISCA has no speed 0: a stopped axis still carries 1. */
export function axisSpeed(v: number, max: number): number {
  return Math.min(max, Math.max(1, Math.round(Math.abs(v) * max)));
}
