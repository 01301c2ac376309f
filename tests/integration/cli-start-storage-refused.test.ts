/**
 * `roomctl start` whose data folder cannot be used stops at once and says so: the code, the
 * folder, and a next step that fits a room that did not start (not "the room keeps running",
 * which is what the same code means once the room runs and a write is refused).
 */
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, expect, it, vi } from 'vitest';
import { main } from '../../cli/main.js';
import { PROJECT_ROOT } from '../../appliance/paths.js';

let dir = '';
afterEach(async () => {
  vi.restoreAllMocks();
  await rm(dir, { recursive: true, force: true });
});

it('names the folder and tells what to fix, without claiming the room runs', async () => {
  dir = await mkdtemp(join(tmpdir(), 'roomctl-storage-'));
  // A folder below a plain file can never be made.
  await writeFile(join(dir, 'a-file'), 'not a folder');
  const dataDir = join(dir, 'a-file', 'data');
  const yaml = (await readFile(join(PROJECT_ROOT, 'tests/fixtures/room-valid.yaml'), 'utf8')).replace(
    'storage: { dir: /var/lib/roomctl }',
    `storage: { dir: ${dataDir} }`,
  );
  expect(yaml).toContain(dataDir);
  const config = join(dir, 'room.yaml');
  await writeFile(config, yaml);
  let err = '';
  vi.spyOn(process.stderr, 'write').mockImplementation((chunk) => ((err += String(chunk)), true));
  vi.spyOn(process.stdout, 'write').mockImplementation(() => true);
  expect(await main(['start', '--config', config])).not.toBe(0);
  expect(err).toContain('ROOMCTL_E_STORAGE');
  expect(err).toContain(dataDir);
  expect(err).toMatch(/next: .*storage\.dir/);
  expect(err).not.toMatch(/keeps running/);
});
