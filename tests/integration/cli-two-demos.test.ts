import { existsSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { ChildProcess } from 'node:child_process';
import { afterAll, expect, it } from 'vitest';
import { runCli, spawnCli } from '../helpers/cli.js';
import { waitFor } from '../helpers/test-room.js';

/**
 * Two demos on one machine: the second finds the first one's API, broker and fleet ports
 * taken, takes free ones, keeps its data apart, and both stay up. The first attempt of the
 * second's fleet used to leave its alert timer behind, which killed the process 5 s later
 * (the dispatcher polls every 5 s): the reduced run holds for 8 s, ROOMCTL_FULL=1 for 60 s.
 */
const HOLD_MS = process.env.ROOMCTL_FULL === '1' ? 60_000 : 8_000;
const children: ChildProcess[] = [];
let dir: string;
afterAll(async () => {
  for (const child of children) child.kill('SIGKILL');
  if (dir) await rm(dir, { recursive: true, force: true });
});

/**
 * A port free now, below Linux's ephemeral range (32768 and up): the kernel hands ports of that
 * range to every other test's outgoing connections and port-0 listeners, which could take this one
 * between this check and the demo's bind.
 */
const freePort = async (): Promise<number> => {
  for (;;) {
    const port = 20_000 + Math.floor(Math.random() * 12_000);
    const free = await new Promise<boolean>((resolve) => {
      const server = createServer()
        .once('error', () => resolve(false))
        .listen(port, '127.0.0.1', () => server.close(() => resolve(true)));
    });
    if (free) return port;
  }
};

async function startDemo(cwd: string, ports: number[]) {
  // The ports the demo tries first stand in for 8080, 1883 and 8090, which other programs on a shared machine may hold.
  const child = spawnCli(['start'], { ROOMCTL_LOG_LEVEL: 'warn', ROOMCTL_DEMO_PORTS: ports.join(',') }, cwd);
  children.push(child);
  let stdout = '';
  child.stdout!.on('data', (d) => (stdout += d));
  child.stderr!.on('data', () => undefined);
  await waitFor(() => stdout.includes('ROOMCTL_READY') || child.exitCode !== null, 30_000, 'the demo to be ready');
  expect(child.exitCode, stdout).toBeNull();
  const port = (label: string) => Number(new RegExp(`${label}\\s+\\S+?:(\\d+)`).exec(stdout)?.[1]);
  const token = /token\s+(\S+)/.exec(stdout)![1]!;
  const api = /API\s+(http:\/\/[^/\s]+)/.exec(stdout)![1]!;
  return { child, stdout, token, api, ports: [port('API'), port('MQTT'), port('fleet')] };
}

it(`runs a second demo beside the first: free ports, its own data, both up after ${HOLD_MS / 1000} s`, async () => {
  dir = await mkdtemp(join(tmpdir(), 'roomctl-two-demos-'));
  const preferred: number[] = [];
  while (preferred.length < 3) {
    const port = await freePort();
    if (!preferred.includes(port)) preferred.push(port);
  }
  const first = await startDemo(dir, preferred);
  expect(first.ports).toEqual(preferred);
  const second = await startDemo(dir, preferred);
  for (const [i, port] of second.ports.entries()) expect(port).not.toBe(preferred[i]);
  expect(second.stdout).toMatch(
    new RegExp(`data +\\S*roomctl-demo-data-\\S+ +\\(\\./data belongs to the demo running as pid ${first.child.pid}; removed on exit\\)`),
  );
  const secondData = /data +(\S+)/.exec(second.stdout)![1]!;

  await new Promise((resolve) => setTimeout(resolve, HOLD_MS));
  for (const demo of [first, second]) {
    expect(demo.child.exitCode).toBeNull();
    expect((await fetch(`${demo.api}/api/v1/status`)).status).toBe(200);
    const fleet = /fleet\s+(http:\/\/[^/\s]+)/.exec(demo.stdout)![1]!;
    expect((await fetch(`${fleet}/api/fleet/rooms`, { headers: { authorization: `Bearer ${demo.token}` } })).status).toBe(200);
  }

  for (const demo of [second, first]) {
    const exited = new Promise<number | null>((resolve) => demo.child.once('exit', (code) => resolve(code)));
    demo.child.kill('SIGINT');
    expect(await exited).toBe(0);
  }
  expect(existsSync(secondData)).toBe(false);
  expect(existsSync(join(dir, 'data', 'demo.pid'))).toBe(false);
}, 120_000);

it('a demo that cannot start says why with a coded error and exits by itself: nothing it opened keeps it alive', async () => {
  const cwd = await mkdtemp(join(tmpdir(), 'roomctl-demo-fails-'));
  try {
    // 192.0.2.123 (TEST-NET-1) is no address of this machine: the API cannot listen there, after the simulators and broker started.
    const result = await runCli(['start', '--listen', '192.0.2.123:0'], { ROOMCTL_LOG_LEVEL: 'warn', ROOMCTL_DEMO_PORTS: '0,0,0' }, cwd);
    expect(result.code).toBe(1);
    expect(result.stderr).toMatch(
      /^ROOMCTL_E_LISTEN_FAILED: Cannot listen on 192\.0\.2\.123:0 \(api\.listen\): that address is not one of this machine's\n {2}next: /m,
    );
    expect(result.stderr).not.toMatch(/\n\s+at .*:\d+:\d+/);
  } finally {
    await rm(cwd, { recursive: true, force: true });
  }
}, 60_000);
