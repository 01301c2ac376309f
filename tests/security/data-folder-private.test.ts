/**
 * The data folder holds door secrets, meeting codes, confidential minutes, stills and
 * recordings. Whatever the umask, roomctl creates it 0700 and its files 0600 — the database
 * with its WAL and SHM files, the stills' folders, the recordings — not only when
 * provisioning made the folder first; and it tightens what an earlier version left open.
 */
import { chmod, mkdir, mkdtemp, readdir, rm, stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { SIM_SNAPSHOT_JPEG } from '../../drivers/onvif/onvif-sim-snapshot-jpeg.js';
import { PresetStillStore } from '../../appliance/stills/preset-still-store.js';
import { openDatabase } from '../../appliance/store/database.js';
import { ROOM_MIGRATIONS } from '../../appliance/room-migrations.js';
import { SMALL_VIDEO, startTestMedia } from '../helpers/media-service.js';
import { waitFor } from '../helpers/test-room.js';

let root: string;
const umask = process.umask(0o022); // the usual default: files 0644, folders 0755 unless asked otherwise
beforeAll(async () => {
  root = await mkdtemp(join(tmpdir(), 'roomctl-private-'));
});
afterAll(async () => {
  process.umask(umask);
  await rm(root, { recursive: true, force: true });
});

const modeOf = async (path: string) => ((await stat(path)).mode & 0o777).toString(8);

it('creates the data folder 0700 and the database, its WAL and its SHM 0600', async () => {
  const dir = join(root, 'fresh', 'data');
  const db = openDatabase(dir, ROOM_MIGRATIONS);
  db.prepare("INSERT INTO settings (key, value, updated_at) VALUES ('k', 'v', 'now')").run();
  expect(await modeOf(dir)).toBe('700');
  for (const file of ['roomctl.sqlite', 'roomctl.sqlite-wal', 'roomctl.sqlite-shm']) expect([file, await modeOf(join(dir, file))]).toEqual([file, '600']);
  db.close();
});

it('takes away what an earlier version left readable by others', async () => {
  const dir = join(root, 'old');
  const first = openDatabase(dir, ROOM_MIGRATIONS);
  first.close();
  await chmod(dir, 0o755);
  await chmod(join(dir, 'roomctl.sqlite'), 0o644);
  const db = openDatabase(dir, ROOM_MIGRATIONS);
  expect(await modeOf(dir)).toBe('750');
  expect(await modeOf(join(dir, 'roomctl.sqlite'))).toBe('600');
  db.close();
});

it('keeps stills in folders only the service user can open', async () => {
  const dir = join(root, 'stills');
  await mkdir(dir);
  const store = new PresetStillStore(dir);
  await store.save('cam-front', 2, SIM_SNAPSHOT_JPEG);
  expect(await modeOf(join(dir, 'preset-stills'))).toBe('700');
  expect(await modeOf(join(dir, 'preset-stills', 'cam-front'))).toBe('700');
  expect(await modeOf(join(dir, 'preset-stills', 'cam-front', '2.jpg'))).toBe('600');
});

it('writes recordings (from the media host, whatever its umask) 0600 in 0700 folders', async () => {
  const media = await startTestMedia({
    video: { source: { type: 'test' }, ...SMALL_VIDEO },
    recording: { allowed: true, format: 'mp4', segmentSeconds: 1, bitrateKbps: 300 },
  });
  try {
    const started = await media.media.startRecording();
    await waitFor(() => (media.media.status().recording.active?.files.length ?? 0) >= 1, 15_000, 'a first segment');
    await media.media.stopRecording();
    const folder = join(media.dir, 'recordings', started.id);
    expect(await modeOf(join(media.dir, 'recordings'))).toBe('700');
    expect(await modeOf(folder)).toBe('700');
    const files = await readdir(folder);
    expect(files.length).toBeGreaterThan(0);
    for (const file of files) expect([file, await modeOf(join(folder, file))]).toEqual([file, '600']);
  } finally {
    await media.close();
  }
});
