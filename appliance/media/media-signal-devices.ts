import { Type } from '@sinclair/typebox';
import type { AnyDriverDefinition, DeviceDriver, DriverContext } from '../../drivers/core/definition.js';
import { RoomctlError } from '../../drivers/core/errors.js';
import type { DeviceConfig } from '../config/config-schema.js';
import type { PipelineRole } from './media-ipc.js';
import type { MediaService } from './media-service.js';

/**
 * The media signal as two devices of the room: `media-video` (is there a live, moving,
 * non-black picture?) and `media-audio` (does the microphone hear the meeting?). Being
 * devices, they reach everything devices reach — the device list and stream (the panel
 * reads "offline: video recovering: …" there), the health monitor's faults, MQTT
 * `devices/<id>/health` with metrics (luma, rmsDb…), the status history — with no change
 * to any of those. They are not configurable drivers: the appliance adds them when
 * `media:` is enabled, so they never appear in DRIVERS or the config schema.
 */
export const MEDIA_SIGNAL_DEVICE_IDS = { video: 'media-video', audio: 'media-audio' } as const;

/** Metrics change several times a second; the device state is refreshed at most this often. */
const STATE_EVERY_MS = 10_000;
/** How long a connect waits for the signal before the device reads offline. */
const CONNECT_WAIT_MS = 15_000;

/**
 * The signal each device reports (device health `signal`, drawn over time by the fleet): the
 * frame rate the pipeline sees from the camera, and the microphone's level. Null while there
 * is no measure (no level heard yet).
 */
function signalOf(role: PipelineRole, state: Record<string, unknown>): { value: number; unit: string } | null {
  const value = role === 'video' ? state.analysedFps : state.rmsDb;
  return typeof value === 'number' && Number.isFinite(value) ? { value, unit: role === 'video' ? 'fps' : 'dBFS' } : null;
}

class MediaSignalDriver implements DeviceDriver {
  private lastState = 0;
  private lastShown = '';

  constructor(
    private readonly media: MediaService,
    private readonly role: PipelineRole,
    private readonly ctx: DriverContext,
  ) {}

  private readonly onSignal = (role: PipelineRole) => {
    if (role === this.role) this.apply(true);
  };

  /**
   * Resolves when the signal is there. It waits rather than failing at once: a pipeline
   * takes a second or two to start or recover, and the device should read `connecting`
   * (or stay `offline` with the recovery detail) meanwhile, not flap.
   */
  async connect(): Promise<void> {
    this.abort = undefined;
    await new Promise<void>((resolve, reject) => {
      const check = () => {
        const health = this.media.signalHealth(this.role);
        // Waiting (no URI, or a refused one) is not on its way back by itself: say so now.
        if (!health.available && health.state.pipeline === 'waiting') return fail(health.detail ?? `${this.role} waiting`);
        if (!health.available) return;
        done();
        resolve();
      };
      const fail = (why: string) => {
        done();
        reject(new RoomctlError('ROOMCTL_E_MEDIA_UNAVAILABLE', why));
      };
      const timer = setTimeout(() => fail(this.media.signalHealth(this.role).detail ?? `${this.role} unavailable`), CONNECT_WAIT_MS);
      const done = () => {
        clearTimeout(timer);
        this.media.off('status', check);
        this.media.off('signal', check);
        this.abort = undefined;
      };
      this.abort = () => fail('disconnected');
      this.media.on('status', check);
      this.media.on('signal', check);
      check();
    });
    this.media.on('signal', this.onSignal);
    this.media.on('status', this.onStatus);
    // The level and the frame rate move without any pipeline change or new verdict: look again
    // every second, so the state (and the health's signal, which the fleet charts) follows them.
    clearInterval(this.follow);
    this.follow = setInterval(() => {
      // Only the numbers: a pipeline that went away is told once, by its status event.
      const health = this.media.signalHealth(this.role);
      if (health.available) this.publish(health, false);
    }, 1000);
    this.follow.unref();
    this.apply(true);
  }

  private follow: NodeJS.Timeout | undefined;

  private abort: (() => void) | undefined;

  private readonly onStatus = () => this.apply(false);

  private apply(changed: boolean): void {
    const health = this.media.signalHealth(this.role);
    if (!health.available) {
      this.ctx.linkLost(new RoomctlError('ROOMCTL_E_MEDIA_UNAVAILABLE', health.detail ?? `${this.role} unavailable`));
      return;
    }
    if (changed) this.ctx.setCondition(health.verdict.degraded ? { degraded: true, detail: health.verdict.detail ?? undefined } : { degraded: false });
    this.publish(health, changed);
  }

  private publish(health: ReturnType<MediaService['signalHealth']>, changed: boolean): void {
    const state = { ...health.state, signal: signalOf(this.role, health.state) };
    const shown = JSON.stringify(state);
    // At most every STATE_EVERY_MS while it moves (panels and the fleet need no more), and only when it moved.
    if (changed || (shown !== this.lastShown && Date.now() - this.lastState >= STATE_EVERY_MS)) {
      this.lastState = Date.now();
      this.lastShown = shown;
      this.ctx.publishState(state);
    }
  }

  async disconnect(): Promise<void> {
    clearInterval(this.follow);
    this.abort?.();
    this.media.off('signal', this.onSignal);
    this.media.off('status', this.onStatus);
  }

  async execute(action: string): Promise<unknown> {
    throw new RoomctlError('ROOMCTL_E_NOT_SUPPORTED', `${MEDIA_SIGNAL_DEVICE_IDS[this.role]} has no action "${action}"`);
  }
}

export function mediaSignalDrivers(media: MediaService): AnyDriverDefinition[] {
  const define = (role: PipelineRole, kind: 'camera' | 'microphone', description: string): AnyDriverDefinition => ({
    id: MEDIA_SIGNAL_DEVICE_IDS[role],
    kind,
    description,
    transport: 'local',
    config: Type.Object({}),
    capabilities: [],
    create: (_config: unknown, ctx: DriverContext) => new MediaSignalDriver(media, role, ctx),
  });
  return [
    define('video', 'camera', 'The room picture as the media pipeline sees it: live, frozen, black or recovering'),
    define('audio', 'microphone', 'The microphone as the media pipeline hears it: level and liveness during meetings'),
  ];
}

export function mediaSignalDevices(media: MediaService): DeviceConfig[] {
  const devices: DeviceConfig[] = [{ id: MEDIA_SIGNAL_DEVICE_IDS.video, driver: MEDIA_SIGNAL_DEVICE_IDS.video, name: 'Video signal' }];
  if (media.settings.audio) devices.push({ id: MEDIA_SIGNAL_DEVICE_IDS.audio, driver: MEDIA_SIGNAL_DEVICE_IDS.audio, name: 'Microphone signal' });
  return devices;
}
