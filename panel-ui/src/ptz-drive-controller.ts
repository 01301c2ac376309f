import type { ReactiveController, ReactiveControllerHost } from 'lit';
import type { ApiClient } from './api-client.js';

interface Drive {
  pan: number;
  tilt: number;
  zoom: number;
}

/** Well inside the appliance's 500 ms dead-man's window, so two beats may be lost before it stops. */
const HEARTBEAT_MS = 150;
/** A move that takes longer than this is abandoned: a late heartbeat is worse than none. */
const MOVE_TIMEOUT_MS = 1_500;

/**
 * Owns a camera drive while a finger holds the joystick or a zoom button: sends `move` at
 * once, again every HEARTBEAT_MS while the drive lasts (the appliance stops the camera by
 * itself when the beats stop), and `stop` on release — and on everything that can end a
 * touch without a release: the page hidden, the window blurred, the page unloading. A beat
 * is skipped while the previous one is still on its way, so a dead network sends nothing
 * and the appliance's watchdog takes over.
 */
export class PtzDriveController implements ReactiveController {
  api: ApiClient | null = null;
  deviceId: string | null = null;
  /** Called when a move or stop is refused (e.g. the camera is offline). */
  onError: ((error: unknown) => void) | undefined;

  private drive: Drive = { pan: 0, tilt: 0, zoom: 0 };
  private driving: string | null = null;
  private timer: number | undefined;
  private inFlight: Promise<unknown> | null = null;

  constructor(host: ReactiveControllerHost) {
    host.addController(this);
  }

  get active(): boolean {
    return this.driving !== null;
  }

  hostConnected(): void {
    document.addEventListener('visibilitychange', this.onHidden);
    window.addEventListener('blur', this.release);
    window.addEventListener('pagehide', this.release);
  }

  hostDisconnected(): void {
    document.removeEventListener('visibilitychange', this.onHidden);
    window.removeEventListener('blur', this.release);
    window.removeEventListener('pagehide', this.release);
    this.release();
  }

  /** Sets the wanted speeds (merged per axis); all zero is a release. */
  set(patch: Partial<Drive>): void {
    const next = { ...this.drive, ...patch };
    if (next.pan === 0 && next.tilt === 0 && next.zoom === 0) {
      this.release();
      return;
    }
    const changed = next.pan !== this.drive.pan || next.tilt !== this.drive.tilt || next.zoom !== this.drive.zoom;
    this.drive = next;
    if (!this.driving) {
      this.driving = this.deviceId;
      this.timer = window.setInterval(() => this.beat(), HEARTBEAT_MS);
    }
    if (changed) this.beat(true);
  }

  readonly release = (): void => {
    const device = this.driving;
    window.clearInterval(this.timer);
    this.timer = undefined;
    this.driving = null;
    this.drive = { pan: 0, tilt: 0, zoom: 0 };
    if (!device || !this.api) return;
    const api = this.api;
    const stop = () => api.runAction(device, 'stop', {}, MOVE_TIMEOUT_MS);
    stop().catch((err: unknown) => this.onError?.(err));
    // A beat still on its way may overtake the stop (another connection): stop once more after it.
    this.inFlight?.then(() => (this.driving ? undefined : stop().catch(() => undefined)));
  };

  private readonly onHidden = () => {
    if (document.visibilityState === 'hidden') this.release();
  };

  private beat(force = false): void {
    const device = this.driving;
    if (!device || !this.api || (this.inFlight && !force)) return;
    const sent = this.api
      .runAction(device, 'move', { ...this.drive }, MOVE_TIMEOUT_MS)
      .catch((err: unknown) => {
        // A refused move ends the drive: heartbeats into a refusal help nobody.
        if (this.driving === device) {
          window.clearInterval(this.timer);
          this.timer = undefined;
          this.driving = null;
          this.drive = { pan: 0, tilt: 0, zoom: 0 };
        }
        this.onError?.(err);
      })
      .finally(() => {
        if (this.inFlight === sent) this.inFlight = null;
      });
    this.inFlight = sent;
  }
}
