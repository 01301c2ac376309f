import { spawn } from 'node:child_process';
import { createSocket } from 'node:dgram';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, expect, it } from 'vitest';
import { defaultLogFormat } from '../../appliance/logger.js';
import { ROOMCTL_BIN } from '../helpers/cli.js';
import { waitFor } from '../helpers/test-room.js';
import { ROOMCTL_FROM_SOURCE } from '../helpers/built-cli.js';

const dirs: string[] = [];
afterAll(async () => {
  for (const dir of dirs) await rm(dir, { recursive: true, force: true });
});

const BANNER_END = 'Ctrl-C stops the room, its simulators and its broker.\n';

/**
 * The demo's output up to its banner's last line, and what it printed after a Ctrl-C.
 * `terminal`: on a real pseudo-terminal (util-linux `script`), as a person starts it, and
 * stopped by typing Ctrl-C there: the terminal sends SIGINT to the whole foreground process
 * group, socat and the media host too unless the room keeps them out of it. Otherwise through
 * pipes, as a script starts it, and stopped with SIGINT to roomctl alone.
 */
async function demoOutput(
  args: string[],
  options: { terminal: boolean; beforeStop?: (banner: string) => Promise<void> },
): Promise<{ start: string; stop: string; whole: string }> {
  const dir = await mkdtemp(join(tmpdir(), 'roomctl-demo-logs-'));
  dirs.push(dir);
  const env: NodeJS.ProcessEnv = { ...process.env, ROOMCTL_FROM_SOURCE, ROOMCTL_LOG_LEVEL: 'info', ROOMCTL_DEMO_PORTS: '0,0,0' };
  // A person at a terminal: not CI's (whose CI=true chooses JSON logs), not the journal's.
  if (options.terminal) for (const name of ['CI', 'JOURNAL_STREAM', 'ROOMCTL_LOG_FORMAT']) delete env[name];
  const roomctl = [process.execPath, ROOMCTL_BIN, 'start', '--listen', '127.0.0.1:0', ...args];
  const quoted = roomctl.map((word) => `'${word.replaceAll("'", "'\\''")}'`).join(' ');
  const child = options.terminal
    ? spawn('script', ['-qfec', `exec ${quoted}`, '/dev/null'], { cwd: dir, env, stdio: ['pipe', 'pipe', 'pipe'] })
    : spawn(roomctl[0]!, roomctl.slice(1), { cwd: dir, env, stdio: ['ignore', 'pipe', 'pipe'] });
  let output = '';
  child.stdout!.on('data', (d) => (output += d));
  child.stderr!.on('data', (d) => (output += d));
  const exited = new Promise((resolve) => child.once('exit', resolve));
  // A terminal ends lines with \r\n and colours the levels.
  const text = () => output.replaceAll('\r\n', '\n').replace(/\x1b\[[0-9;]*m/g, '');
  try {
    await waitFor(() => text().includes(BANNER_END) || child.exitCode !== null, 30_000, 'the demo to be ready');
    if (child.exitCode === null) await options.beforeStop?.(text());
  } finally {
    if (child.exitCode === null) options.terminal ? child.stdin!.write('\x03') : child.kill('SIGINT');
    await exited;
  }
  const whole = text();
  const end = whole.indexOf(BANNER_END) + BANNER_END.length;
  return { start: whole.slice(0, end), stop: whole.slice(end), whole };
}

it('chooses pretty lines for a person at a terminal, JSON for the journal, pipes and CI', () => {
  expect(defaultLogFormat({}, true)).toBe('pretty');
  expect(defaultLogFormat({}, false)).toBe('json');
  expect(defaultLogFormat({ JOURNAL_STREAM: '8:1234' }, true)).toBe('json');
  expect(defaultLogFormat({ ROOMCTL_LOG_FORMAT: 'json' }, true)).toBe('json');
});

it('at a terminal: pretty one-line logs without a warning, the banner clear of them, a Ctrl-C that warns of nothing; --log-format json gives JSON lines', async () => {
  // 4352 taken, as by a first demo running beside this one (or by another program, if it already is).
  const pjlinkPort = createSocket('udp4').on('error', () => undefined);
  pjlinkPort.bind(4352);
  const terminal = await demoOutput([], { terminal: true, beforeStop: recordUntilTheMediaHostRuns }).finally(() => pjlinkPort.close());
  const { start: pretty, stop } = terminal;
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
  // The line scripts wait for is not a person's business.
  expect(terminal.whole).not.toContain('ROOMCTL_READY');
  expect(stop).toMatch(/recording ended .*"status":"complete","detail":null/);

  const { start: json, whole } = await demoOutput(['--log-format', 'json'], { terminal: false });
  // Scripts still get their line after the banner (a late log line may come between the two).
  expect(whole.slice(whole.indexOf(BANNER_END))).toMatch(/^ROOMCTL_READY$/m);
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
