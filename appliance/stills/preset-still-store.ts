import { randomBytes } from 'node:crypto';
import { readdirSync, rmSync, statSync, type BigIntStats } from 'node:fs';
import { mkdir, open, rename, rm } from 'node:fs/promises';
import { join, resolve, sep } from 'node:path';
import { SNAPSHOT_MAX_BYTES } from '../../drivers/core/capabilities.js';
import { RoomctlError } from '../../drivers/core/errors.js';
import { jpegInfo } from '../../drivers/core/jpeg-info.js';
import type { PresetStillView } from '../model/device-view.js';
import { PRIVATE_DIR_MODE } from '../store/private-files.js';

/** A preset's still as the device view and the API name it (version, savedAt, bytes). */
type PresetStill = PresetStillView;

/** Largest still kept: what a camera may hand over (capabilities.ts). */
export const STILL_MAX_BYTES = SNAPSHOT_MAX_BYTES;
/** The config's device id form: no dots, no slashes, so an id can never leave its folder. */
const DEVICE_ID = /^[a-z0-9][a-z0-9-]{0,62}$/;
/** Preset numbers of the shared ptz() capability. */
const PRESET_MAX = 255;
const FILE = /^(\d{1,3})\.jpg$/;

/**
 * The stills of camera presets, one JPEG per preset: `<storage>/preset-stills/<device>/<preset>.jpg`.
 * Written atomically (a temp file in the same folder, synced, renamed over the old one), so a
 * reader never sees half a picture, even across a power cut. Only valid device ids and
 * preset numbers make paths; only whole JPEGs up to 2 MB are kept. An index in memory
 * (read from the folder at start) answers the device view without touching the disk.
 */
export class PresetStillStore {
  readonly dir: string;
  private readonly index = new Map<string, Map<number, PresetStill>>();

  constructor(storageDir: string) {
    this.dir = resolve(storageDir, 'preset-stills');
    this.load();
  }

  /** The stills of one device, by preset number. */
  list(deviceId: string): PresetStill[] {
    return [...(this.index.get(deviceId)?.values() ?? [])].sort((a, b) => a.preset - b.preset);
  }

  get(deviceId: string, preset: number): PresetStill | undefined {
    return this.index.get(deviceId)?.get(preset);
  }

  /** The JPEG and its version, read together from one open file (a still replaced meanwhile cannot mix the two). */
  async read(deviceId: string, preset: number): Promise<{ jpeg: Buffer; still: PresetStill } | undefined> {
    const path = this.pathOf(deviceId, preset);
    const handle = await open(path, 'r').catch((err: NodeJS.ErrnoException) => {
      if (err.code === 'ENOENT') return undefined;
      throw err;
    });
    if (!handle) return undefined;
    try {
      const stats = await handle.stat({ bigint: true });
      if (stats.size > BigInt(STILL_MAX_BYTES)) return undefined;
      return { jpeg: await handle.readFile(), still: stillOf(preset, stats) };
    } finally {
      await handle.close();
    }
  }

  /** Stores (or replaces) a preset's still; throws ROOMCTL_E_STILL_INVALID for anything but a whole JPEG up to 2 MB. */
  async save(deviceId: string, preset: number, jpeg: Buffer): Promise<PresetStill> {
    const path = this.pathOf(deviceId, preset);
    if (jpeg.length > STILL_MAX_BYTES)
      throw new RoomctlError('ROOMCTL_E_STILL_INVALID', `The still is ${jpeg.length} bytes; at most ${STILL_MAX_BYTES} are kept`, {
        maxBytes: STILL_MAX_BYTES,
      });
    if (!jpegInfo(jpeg)) throw new RoomctlError('ROOMCTL_E_STILL_INVALID', 'The still is not a whole JPEG');
    const folder = join(this.dir, deviceId);
    await mkdir(folder, { recursive: true, mode: PRIVATE_DIR_MODE });
    const temp = join(folder, `.${preset}.${randomBytes(6).toString('hex')}.tmp`);
    try {
      const handle = await open(temp, 'wx', 0o600);
      try {
        await handle.writeFile(jpeg);
        await handle.sync();
      } finally {
        await handle.close();
      }
      await rename(temp, path);
    } catch (err) {
      await rm(temp, { force: true });
      throw err;
    }
    const still = stillOf(preset, statSync(path, { bigint: true }));
    this.remember(deviceId, still);
    return still;
  }

  /** Forgets a preset's still (it no longer shows what the preset does). True when there was one. */
  async remove(deviceId: string, preset: number): Promise<boolean> {
    const path = this.pathOf(deviceId, preset);
    const had = this.index.get(deviceId)?.delete(preset) ?? false;
    await rm(path, { force: true });
    return had;
  }

  /** The file of a preset's still; refuses anything that is not a device id and a preset number. */
  pathOf(deviceId: string, preset: number): string {
    if (!DEVICE_ID.test(deviceId))
      throw new RoomctlError('ROOMCTL_E_BAD_REQUEST', `"${deviceId.slice(0, 80)}" is not a device id`, { allowed: DEVICE_ID.source });
    if (!Number.isInteger(preset) || preset < 0 || preset > PRESET_MAX)
      throw new RoomctlError('ROOMCTL_E_BAD_REQUEST', `${String(preset)} is not a preset number`, { allowed: `0..${PRESET_MAX}` });
    const path = resolve(this.dir, deviceId, `${preset}.jpg`);
    // Belt and braces: the checks above already make this impossible.
    if (!path.startsWith(this.dir + sep)) throw new RoomctlError('ROOMCTL_E_BAD_REQUEST', 'That still is outside the stills folder');
    return path;
  }

  private remember(deviceId: string, still: PresetStill): void {
    let stills = this.index.get(deviceId);
    if (!stills) this.index.set(deviceId, (stills = new Map()));
    stills.set(still.preset, still);
  }

  /** Reads the folder once at start; temp files a crash left behind are removed. */
  private load(): void {
    const entries = (path: string) => {
      try {
        return readdirSync(path, { withFileTypes: true });
      } catch {
        return [];
      }
    };
    for (const device of entries(this.dir)) {
      if (!device.isDirectory() || !DEVICE_ID.test(device.name)) continue;
      const folder = join(this.dir, device.name);
      for (const file of entries(folder)) {
        if (file.name.endsWith('.tmp')) rmSync(join(folder, file.name), { force: true });
        const preset = Number(FILE.exec(file.name)?.[1] ?? NaN);
        if (!file.isFile() || !Number.isInteger(preset) || preset > PRESET_MAX) continue;
        this.remember(device.name, stillOf(preset, statSync(join(folder, file.name), { bigint: true })));
      }
    }
  }
}

function stillOf(preset: number, stats: BigIntStats): PresetStill {
  return {
    preset,
    version: `${stats.mtimeNs.toString(36)}-${stats.size.toString(36)}`,
    savedAt: new Date(Number(stats.mtimeMs)).toISOString(),
    bytes: Number(stats.size),
  };
}
