import { spawn } from 'node:child_process';
import { createSocket } from 'node:dgram';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, expect, it } from 'vitest';
import { defaultLogFormat } from '../../appliance/logger.js';
import { ROOMCTL_BIN } from '../helpers/cli.js';
import { waitFor } from '../helpers/test-room.js';

const dirs: string[] = [];
afterAll(async () => {
  for (const dir of dirs) await rm(dir, { recursive: true, force: true });
});

/**
 * The demo's stdout until it is ready, and what it printed after a Ctrl-C. The signal goes to
 * the whole process group, as a terminal sends it: socat and the media host get it too unless
 * the room keeps them out of it.
 */
async function demoOutput(args: string[], beforeStop?: (banner: string) => Promise<void>): Promise<{ start: string; stop: string }> {
  const dir = await mkdtemp(join(tmpdir(), 'roomctl-demo-logs-'));
  dirs.push(dir);
  const child = spawn(process.execPath, [ROOMCTL_BIN, 'start', '--listen', '127.0.0.1:0', ...args], {
    cwd: dir,
    env: { ...process.env, ROOMCTL_FROM_SOURCE: '1', ROOMCTL_LOG_LEVEL: 'info', ROOMCTL_DEMO_PORTS: '0,0,0' },
    stdio: ['ignore', 'pipe', 'pipe'],
    detached: true,
  });
  let stdout = '';
  let stderr = '';
  child.stdout!.on('data', (d) => (stdout += d));
  child.stderr!.on('data', (d) => (stderr += d));
  const exited = new Promise((resolve) => child.once('exit', resolve));
  try {
    await waitFor(() => stdout.includes('ROOMCTL_READY') || child.exitCode !== null, 30_000, 'the demo to be ready');
    if (child.exitCode === null) await beforeStop?.(stdout);
  } finally {
    if (child.exitCode === null) process.kill(-child.pid!, 'SIGINT');
    await exited;
  }
  const ready = stdout.indexOf('ROOMCTL_READY');
  return { start: stdout.slice(0, ready), stop: stdout.slice(ready + 'ROOMCTL_READY\n'.length) + stderr };
}

it('chooses pretty lines for a person at a terminal, JSON for the journal, pipes and CI', () => {
  expect(defaultLogFormat({}, true)).toBe('pretty');
  expect(defaultLogFormat({}, false)).toBe('json');
  expect(defaultLogFormat({ JOURNAL_STREAM: '8:1234' }, true)).toBe('json');
  expect(defaultLogFormat({ ROOMCTL_LOG_FORMAT: 'json' }, true)).toBe('json');
});

it('prints pretty one-line logs, then the banner clear of them at the end; --log-format json gives JSON lines', async () => {
  // 4352 taken, as by a first demo running beside this one (or by another program, if it already is).
  const pjlinkPort = createSocket('udp4').on('error', () => undefined);
  pjlinkPort.bind(4352);
  const { start: pretty, stop } = await demoOutput(['--log-format', 'pretty'], recordUntilTheMediaHostRuns).finally(() => pjlinkPort.close());
  const bannerAt = pretty.indexOf('roomctl demo room ready');
  expect(bannerAt).toBeGreaterThan(0);
  const noise = pretty.slice(0, bannerAt).trim().split('\n');
  // The start-up noise: the API listening and the devices connecting, one line each, before the banner.
  expect(noise.some((l) => /^\[\d\d:\d\d:\d\d\.\d{3}\] .*INFO.*: .*Server listening at/.test(l))).toBe(true);
  expect(noise.filter((l) => /device status/.test(l)).length).toBeGreaterThan(3);
  for (const line of noise) expect(line).toMatch(/^\[\d\d:\d\d:\d\d\.\d{3}\] /);
  // Nothing in a sound demo room's start is a fault: no warning a newcomer would chase.
  expect(noise.filter((l) => /WARN|ERROR/.test(l))).toEqual([]);
  // The banner itself: nothing between its first line and the end.
  expect(
    pretty
      .slice(bannerAt)
      .split('\n')
      .filter((l) => l.startsWith('[')),
  ).toEqual([]);
  expect(pretty.slice(bannerAt)).toMatch(/panel +http:\/\/\S+\/\?token=\S+\n.*\n.*API/);

  // A clean Ctrl-C: the room lets go of its devices before its simulators stop and asks the
  // media host to finish the recording, so no device is reported lost or offline, nothing warns.
  expect(stop.split('\n').filter((l) => /WARN|ERROR|offline|link lost/.test(l))).toEqual([]);
  expect(stop).toContain('SIGINT: stopping');
  expect(stop).toMatch(/recording ended .*"status":"complete","detail":null/);

  const { start: json } = await demoOutput(['--log-format', 'json']);
  const logLines = json.slice(0, json.indexOf('roomctl demo room ready')).trim().split('\n');
  expect(logLines.length).toBeGreaterThan(3);
  for (const line of logLines) expect(() => JSON.parse(line) as unknown, line).not.toThrow();
}, 90_000);

/** A recording started from the banner's API and token, so the media host is running at the Ctrl-C. */
async function recordUntilTheMediaHostRuns(banner: string): Promise<void> {
  const api = /API +(http:\/\/\S+)\/api\/v1\/status/.exec(banner)![1];
  const headers = { authorization: `Bearer ${/token +(\S+)/.exec(banner)![1]}`, 'content-type': 'application/json' };
  expect((await fetch(`${api}/api/v1/media/recording/start`, { method: 'POST', headers, body: '{}' })).status).toBe(201);
  const hostState = async () => ((await (await fetch(`${api}/api/v1/media`, { headers })).json()) as { host: { state: string } }).host.state;
  await waitFor(async () => (await hostState()) === 'running', 20_000, 'the media host to run');
}
