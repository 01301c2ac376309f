import type { SnapshotResult } from '../../drivers/core/capabilities.js';
import { RoomctlError } from '../../drivers/core/errors.js';
import type { StillOutcome } from '../model/device-view.js';
import type { RoomConfig } from '../config/config-schema.js';
import type { DeviceHost } from '../devices/device-host.js';
import type { RoomEventBus } from '../model/room-events.js';
import type { Logger } from '../logger.js';
import type { MediaService } from '../media/media-service.js';
import type { MeetingRoom } from '../meetings/meeting-room.js';
import { isStorageFailure } from '../store/storage-health.js';
import { ConfidentialWatch } from './confidential-watch.js';
import { PresetStillStore } from './preset-still-store.js';

/** The media host may have to start (on-demand rooms): long enough for that, short of the panel's 10 s request timeout. */
const MEDIA_FRAME_TIMEOUT_MS = 6000;

/** The room's picture, and which camera it shows. */
interface MediaPicture {
  camera: string;
  frame(timeoutMs: number): Promise<Buffer>;
}

interface PresetStillsDeps {
  store: PresetStillStore;
  devices: DeviceHost;
  confidential: ConfidentialWatch;
  media?: MediaPicture;
  log: Logger;
  /** A write the data folder refused: the room's storage status says so. */
  noteStorageFailure?: (err: unknown) => void;
}

interface StillSource {
  name: 'camera' | 'media';
  take(): Promise<Buffer>;
}

/**
 * Camera presets as named pictures: after every successful `preset.save` (whoever asked:
 * the panel, the API, MQTT, a scene), a still of what the camera sees becomes the preset's
 * thumbnail. Sources, in order: the camera's own snapshot (a `snapshot` action), then the
 * room's media picture when it shows that camera; with neither, the preset stays a named
 * button. Never while a confidential meeting runs. A still that could not be taken never
 * fails the save: the result says so (`thumbnail: {taken: false, reason}`), and an older
 * still of that preset is removed, since it no longer shows what the preset does.
 */
export class PresetStills {
  readonly store: PresetStillStore;
  private readonly undo: Array<() => void> = [];
  private readonly snapshotters = new Set<string>();
  private readonly presetDevices = new Set<string>();

  constructor(private readonly deps: PresetStillsDeps) {
    this.store = deps.store;
  }

  start(): void {
    const { devices } = this.deps;
    // Read before the view addition exists: a view asked for from inside it would ask it again.
    for (const device of devices.list()) {
      const actions = new Set(device.actions.map((a) => a.name));
      if (actions.has('preset.save')) this.presetDevices.add(device.id);
      if (actions.has('snapshot')) this.snapshotters.add(device.id);
    }
    this.undo.push(devices.addToViews((id) => (this.presetDevices.has(id) ? { presetStills: this.store.list(id) } : undefined)));
    this.undo.push(devices.follow('preset.save', async (id, params) => ({ thumbnail: await this.afterSave(id, Number(params.preset)) })));
  }

  stop(): void {
    for (const undo of this.undo.splice(0)) undo();
    this.deps.confidential.close();
  }

  /** Takes and stores the still of a preset that was just saved; never throws. */
  async afterSave(deviceId: string, preset: number): Promise<StillOutcome> {
    const { confidential, log } = this.deps;
    if (confidential.active) return this.without(deviceId, preset, 'confidential-meeting', 'a confidential meeting is running: the room takes no pictures');
    const sources = this.sourcesFor(deviceId);
    if (sources.length === 0)
      return this.without(deviceId, preset, 'no-source', "this camera gives no still and the room's media picture does not show it (media.video.camera)");
    const problems: string[] = [];
    for (const source of sources) {
      try {
        const jpeg = await source.take();
        // The meeting may have started while the picture was on its way.
        if (confidential.active) return this.without(deviceId, preset, 'confidential-meeting', 'a confidential meeting started: the still was discarded');
        const still = await this.store.save(deviceId, preset, jpeg);
        this.deps.devices.refresh(deviceId);
        log.info({ device: deviceId, preset, source: source.name, bytes: still.bytes }, 'preset still taken');
        return { taken: true, source: source.name, version: still.version };
      } catch (err) {
        if (isStorageFailure(err)) this.deps.noteStorageFailure?.(err);
        const message = err instanceof Error ? err.message : String(err);
        problems.push(`${source.name}: ${message}`);
        log.warn({ device: deviceId, preset, source: source.name, err: message }, 'preset still not taken from this source');
      }
    }
    return this.without(deviceId, preset, 'failed', problems.join('; '));
  }

  private sourcesFor(deviceId: string): StillSource[] {
    const sources: StillSource[] = [];
    if (this.snapshotters.has(deviceId)) sources.push({ name: 'camera', take: async () => jpegOf(await this.deps.devices.execute(deviceId, 'snapshot', {})) });
    const media = this.deps.media;
    if (media?.camera === deviceId) sources.push({ name: 'media', take: () => media.frame(MEDIA_FRAME_TIMEOUT_MS) });
    return sources;
  }

  private async without(deviceId: string, preset: number, reason: NonNullable<StillOutcome['reason']>, detail: string): Promise<StillOutcome> {
    try {
      if (await this.deps.store.remove(deviceId, preset)) this.deps.devices.refresh(deviceId);
    } catch (err) {
      this.deps.log.warn({ device: deviceId, preset, err: (err as Error).message }, 'an outdated preset still could not be removed');
    }
    this.deps.log.info({ device: deviceId, preset, reason, detail }, 'preset saved without a still');
    return { taken: false, source: null, reason, detail };
  }
}

/** The JPEG in a `snapshot` action's result (base64, see SnapshotResult). */
function jpegOf(result: unknown): Buffer {
  const data = (result as Partial<SnapshotResult> | null)?.data;
  if (typeof data !== 'string' || data.length === 0) throw new RoomctlError('ROOMCTL_E_STILL_INVALID', "the camera's snapshot action gave no picture");
  return Buffer.from(data, 'base64');
}

/** The room's preset stills, wired to its devices, meetings and media; `start()` after the devices are hosted. */
export function createPresetStills(
  config: RoomConfig,
  deps: { devices: DeviceHost; bus: RoomEventBus; meetings?: MeetingRoom; media?: MediaService; log: Logger; noteStorageFailure?: (err: unknown) => void },
): PresetStills {
  const media = deps.media;
  const camera = media?.settings.video.camera;
  return new PresetStills({
    store: new PresetStillStore(config.storage.dir),
    devices: deps.devices,
    confidential: new ConfidentialWatch(deps.bus, () => deps.meetings?.roomState().current ?? null),
    media: media && camera ? { camera, frame: (ms) => media.previewFrame(ms) } : undefined,
    log: deps.log.child({ component: 'preset-stills' }),
    noteStorageFailure: deps.noteStorageFailure,
  });
}
