import { spawn } from 'node:child_process';
import { cp, mkdtemp, rm, symlink } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { PROJECT_ROOT } from '../../appliance/paths.js';
import { writeRoomConfigFiles } from '../../tests/helpers/room-config-files.js';
import type { CliResult } from '../../tests/helpers/cli.js';

/**
 * IT installed roomctl from a checkout and skipped `npm run build`: the room starts and its API
 * answers, but / is a placeholder page, not the panel. doctor must say that, and what to run,
 * not send IT to find why a room that started "does not start".
 */
let dir: string;
let checkout: string;
const BUILT_OR_LOCAL = new Set(['node_modules', '.git', 'dist', 'panel-ui/dist', 'data', 'test-artifacts', 'bench-results']);

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'roomctl-doctor-unbuilt-'));
  checkout = join(dir, 'roomctl');
  // The sources as a fresh checkout has them: nothing built.
  await cp(PROJECT_ROOT, checkout, { recursive: true, filter: (from) => !BUILT_OR_LOCAL.has(relative(PROJECT_ROOT, from)) });
  await symlink(join(PROJECT_ROOT, 'node_modules'), join(checkout, 'node_modules'));
  await writeRoomConfigFiles(dir, ['room: { id: aurora, name: Aurora, site: hq, timezone: UTC }', 'api: { listen: "127.0.0.1:1" }']);
}, 60_000);
afterAll(() => rm(dir, { recursive: true, force: true }));

const doctorOfCheckout = (args: string[]) =>
  new Promise<CliResult>((resolve) => {
    const child = spawn(process.execPath, [join(checkout, 'bin/roomctl.js'), 'doctor', ...args], { env: { ...process.env, ROOMCTL_FROM_SOURCE: '1' } });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d) => (stdout += d));
    child.stderr.on('data', (d) => (stderr += d));
    child.on('close', (code) => resolve({ code, stdout, stderr }));
  });

it('says the panel is not built, with the command to run in that roomctl folder', async () => {
  const result = await doctorOfCheckout(['--config', join(dir, 'room.yaml')]);

  expect(result.code).toBe(1);
  const panel = result.stdout.split('\n').find((l) => l.includes('] panel     http'));
  expect(panel).toMatch(
    /^ {2}\[FAIL\] panel +http:\/\/127\.0\.0\.1:\d+\/: ROOMCTL_E_PANEL_NOT_BUILT the panel is not built: the room serves a placeholder page instead \(the API answers\) — next: run npm run build in (\S+) \(scripts\/install-deps\.sh does it\), then restart the room: systemctl restart roomctl$/,
  );
  expect(panel).toContain(`npm run build in ${checkout} `);
  expect(panel).not.toContain('does not start');
}, 120_000);
