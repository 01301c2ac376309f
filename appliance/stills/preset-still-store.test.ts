import { mkdtemp, readdir, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, expect, it } from 'vitest';
import { SIM_SNAPSHOT_JPEG } from '../../drivers/onvif/onvif-sim-snapshot-jpeg.js';
import { PresetStillStore, STILL_MAX_BYTES } from './preset-still-store.js';

/** The stills folder: whole JPEGs only, bounded, written atomically, read back after a restart. */
let dir: string;
beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'roomctl-stills-'));
});
afterEach(async () => {
  await rm(dir, { recursive: true, force: true });
});

it('keeps a still per preset, replaces it with a new version, and finds it again after a restart', async () => {
  const store = new PresetStillStore(dir);
  const first = await store.save('cam-front', 2, SIM_SNAPSHOT_JPEG);
  expect(store.list('cam-front')).toEqual([first]);
  const second = await store.save('cam-front', 2, Buffer.concat([SIM_SNAPSHOT_JPEG, Buffer.alloc(4)]));
  expect(second.version).not.toBe(first.version);
  expect((await store.read('cam-front', 2))?.still).toEqual(second);

  // A crash between writing and renaming leaves a temp file: never listed, removed at start.
  await writeFile(join(dir, 'preset-stills', 'cam-front', '.3.abc.tmp'), 'half a picture');
  const reopened = new PresetStillStore(dir);
  expect(reopened.list('cam-front')).toEqual([second]);
  expect(await readdir(join(dir, 'preset-stills', 'cam-front'))).toEqual(['2.jpg']);

  expect(await reopened.remove('cam-front', 2)).toBe(true);
  expect(await reopened.read('cam-front', 2)).toBeUndefined();
  expect(reopened.list('cam-front')).toEqual([]);
});

it('refuses what is not a whole JPEG, and JPEGs over 2 MB, leaving the old still in place', async () => {
  const store = new PresetStillStore(dir);
  const kept = await store.save('cam-front', 1, SIM_SNAPSHOT_JPEG);
  await expect(store.save('cam-front', 1, Buffer.from('<html>error</html>'))).rejects.toMatchObject({ code: 'ROOMCTL_E_STILL_INVALID' });
  await expect(store.save('cam-front', 1, Buffer.concat([SIM_SNAPSHOT_JPEG, Buffer.alloc(STILL_MAX_BYTES)]))).rejects.toMatchObject({
    code: 'ROOMCTL_E_STILL_INVALID',
    details: { maxBytes: STILL_MAX_BYTES },
  });
  expect(store.get('cam-front', 1)).toEqual(kept);
  expect(await readdir(join(dir, 'preset-stills', 'cam-front'))).toEqual(['1.jpg']);
});
