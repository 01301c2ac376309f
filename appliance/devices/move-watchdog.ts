import type { DeviceView } from '../model/device-view.js';

type Drive = { pan: number; tilt: number; zoom: number };

export interface MoveWatchdogHost {
  execute(id: string, action: string, params: unknown): Promise<unknown>;
  get(id: string): DeviceView;
}

/** Actions after which a camera is no longer driving (a stop, or a travel to a fixed place). */
const ENDS_DRIVE = new Set(['stop', 'home', 'reset', 'preset.recall', 'preset.goto', 'position.absolute', 'position.relative']);

/**
 * The joystick's dead-man's switch. A `move` with a non-zero speed must be renewed (the
 * panel sends it again as a heartbeat while the finger is down) within `windowMs`; when it
 * is not — the panel lost its network, crashed, or its tab was closed mid-move — the
 * watchdog sends `stop` itself, so no camera keeps turning with nobody at the controls.
 * Speeds are merged per axis the way the drivers do (`move {pan}` keeps the tilt going).
 * It lives in the device host, so every way a move arrives (API, MQTT command, scene) is
 * watched, and a stop, home or preset travel cancels a pending auto-stop.
 */
export class MoveWatchdog {
  private readonly drives = new Map<string, Drive>();
  private readonly timers = new Map<string, NodeJS.Timeout>();
  /** Stops the watchdog sent, for the logs and tests. */
  stopsSent = 0;

  constructor(
    private readonly host: MoveWatchdogHost,
    private readonly windowMs: number,
    private readonly log?: { warn(obj: object, msg: string): void },
  ) {}

  /** Call as an action is about to run. */
  observe(deviceId: string, action: string, params: unknown): void {
    if (this.windowMs <= 0) return;
    if (ENDS_DRIVE.has(action)) {
      this.disarm(deviceId);
      return;
    }
    if (action !== 'move') return;
    const p = (params ?? {}) as Partial<Record<keyof Drive, unknown>>;
    const before = this.drives.get(deviceId) ?? { pan: 0, tilt: 0, zoom: 0 };
    const speed = (v: unknown, was: number) => (typeof v === 'number' && Number.isFinite(v) ? v : was);
    const drive = { pan: speed(p.pan, before.pan), tilt: speed(p.tilt, before.tilt), zoom: speed(p.zoom, before.zoom) };
    if (drive.pan === 0 && drive.tilt === 0 && drive.zoom === 0) {
      this.disarm(deviceId);
      return;
    }
    this.drives.set(deviceId, drive);
    clearTimeout(this.timers.get(deviceId));
    const timer = setTimeout(() => this.fire(deviceId), this.windowMs);
    timer.unref();
    this.timers.set(deviceId, timer);
  }

  /** Devices driving right now (armed), for tests. */
  get armed(): string[] {
    return [...this.timers.keys()];
  }

  close(): void {
    for (const t of this.timers.values()) clearTimeout(t);
    this.timers.clear();
    this.drives.clear();
  }

  private disarm(deviceId: string): void {
    clearTimeout(this.timers.get(deviceId));
    this.timers.delete(deviceId);
    this.drives.delete(deviceId);
  }

  private fire(deviceId: string): void {
    this.timers.delete(deviceId);
    this.drives.delete(deviceId);
    this.stopsSent++;
    let hasStop = false;
    try {
      hasStop = this.host.get(deviceId).actions.some((a) => a.name === 'stop');
    } catch {
      return; // The device is gone from the room: nothing to stop.
    }
    this.log?.warn({ device: deviceId, windowMs: this.windowMs }, 'camera move not renewed in time: stopping the camera');
    const stopped = hasStop ? this.host.execute(deviceId, 'stop', {}) : this.host.execute(deviceId, 'move', { pan: 0, tilt: 0, zoom: 0 });
    stopped.catch((err: Error) => this.log?.warn({ device: deviceId, err: err.message }, 'watchdog stop failed'));
  }
}
