import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, expect, it } from 'vitest';
import { defaultLogFormat } from '../../appliance/logger.js';
import { spawnCli } from '../helpers/cli.js';
import { waitFor } from '../helpers/test-room.js';

const dirs: string[] = [];
afterAll(async () => {
  for (const dir of dirs) await rm(dir, { recursive: true, force: true });
});

/** The demo's stdout until it is ready, then stopped with Ctrl-C. */
async function demoOutput(args: string[]): Promise<string> {
  const dir = await mkdtemp(join(tmpdir(), 'roomctl-demo-logs-'));
  dirs.push(dir);
  const child = spawnCli(['start', '--listen', '127.0.0.1:0', ...args], { ROOMCTL_LOG_LEVEL: 'info', ROOMCTL_DEMO_PORTS: '0,0,0' }, dir);
  let stdout = '';
  child.stdout!.on('data', (d) => (stdout += d));
  child.stderr!.on('data', () => undefined);
  try {
    await waitFor(() => stdout.includes('ROOMCTL_READY') || child.exitCode !== null, 30_000, 'the demo to be ready');
  } finally {
    const exited = new Promise((resolve) => child.once('exit', resolve));
    child.kill('SIGINT');
    await exited;
  }
  return stdout.slice(0, stdout.indexOf('ROOMCTL_READY'));
}

it('chooses pretty lines for a person at a terminal, JSON for the journal, pipes and CI', () => {
  expect(defaultLogFormat({}, true)).toBe('pretty');
  expect(defaultLogFormat({}, false)).toBe('json');
  expect(defaultLogFormat({ JOURNAL_STREAM: '8:1234' }, true)).toBe('json');
  expect(defaultLogFormat({ ROOMCTL_LOG_FORMAT: 'json' }, true)).toBe('json');
});

it('prints pretty one-line logs, then the banner clear of them at the end; --log-format json gives JSON lines', async () => {
  const pretty = await demoOutput(['--log-format', 'pretty']);
  const bannerAt = pretty.indexOf('roomctl demo room ready');
  expect(bannerAt).toBeGreaterThan(0);
  const noise = pretty.slice(0, bannerAt).trim().split('\n');
  // The start-up noise: the API listening and the devices connecting, one line each, before the banner.
  expect(noise.some((l) => /^\[\d\d:\d\d:\d\d\.\d{3}\] .*INFO.*: .*Server listening at/.test(l))).toBe(true);
  expect(noise.filter((l) => /device status/.test(l)).length).toBeGreaterThan(3);
  for (const line of noise) expect(line).toMatch(/^\[\d\d:\d\d:\d\d\.\d{3}\] /);
  // The banner itself: nothing between its first line and the end.
  expect(
    pretty
      .slice(bannerAt)
      .split('\n')
      .filter((l) => l.startsWith('[')),
  ).toEqual([]);
  expect(pretty.slice(bannerAt)).toMatch(/panel +http:\/\/\S+\/\?token=\S+\n.*\n.*API/);

  const json = await demoOutput(['--log-format', 'json']);
  const logLines = json.slice(0, json.indexOf('roomctl demo room ready')).trim().split('\n');
  expect(logLines.length).toBeGreaterThan(3);
  for (const line of logLines) expect(() => JSON.parse(line) as unknown, line).not.toThrow();
}, 90_000);
