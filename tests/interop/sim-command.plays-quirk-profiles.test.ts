import { afterEach, expect, it } from 'vitest';
import type { ChildProcess } from 'node:child_process';
import { runCli, spawnCli } from '../helpers/cli.js';
import { waitFor } from '../helpers/test-room.js';

/** `roomctl sim DRIVER --quirks LIST` plays named profiles of real devices, and refuses names it does not know, listing those it does. */
let child: ChildProcess | undefined;
afterEach(() => {
  child?.kill('SIGTERM');
  child = undefined;
});

it('an unknown profile is refused with the list of profiles that simulator offers', async () => {
  const result = await runCli(['sim', 'pjlink', '--quirks', 'slow-replies,teleport', '--listen', '127.0.0.1:0']);

  expect(result.code).toBe(2);
  expect(result.stderr).toContain('unknown quirk profile "teleport"');
  expect(result.stderr).toContain('slow-replies, slow-warmup, auth-lockout, class1-only, avmt-31-only, notifications, idle-drop, unnamed, no-identity');
});

it('a known profile runs, and says what it plays and where the behaviour comes from', async () => {
  child = spawnCli(['sim', 'qsys-qrc', '--quirks', 'logon-required', '--listen', '127.0.0.1:0']);
  let stdout = '';
  child.stdout!.on('data', (d) => (stdout += d));
  await waitFor(() => stdout.includes('Ctrl-C to stop'), 15_000, 'the simulator to start');

  expect(stdout).toContain('simulating qsys-qrc with quirks logon-required at {"host":"127.0.0.1","port":');
  expect(stdout).toMatch(/quirk logon-required: .*\(source: Q-SYS Help/);
});

it('the usage lists the quirk profiles of every simulator that has some', async () => {
  const result = await runCli(['sim']);

  expect(result.code).toBe(2);
  expect(result.stderr).toMatch(/pjlink \(--quirks slow-replies, .*idle-drop, unnamed, no-identity\)/);
  expect(result.stderr).toMatch(/samsung-mdc \(--quirks slow-replies, no-speaker\)/);
});
