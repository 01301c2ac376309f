/**
 * Ctrl-C at the terminal of `roomctl start` (the demo) sends SIGINT to the whole foreground
 * process group. The call's browser is in a group of its own, so the signal reaches only the
 * room, which leaves the call itself: the call ends as left, never as a browser that stopped
 * under it (a failed call the fleet would open an issue for).
 */
import { spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { until } from '../../tests/helpers/until.js';
import { processAlive } from '../../tests/helpers/process-alive.js';

let server: Server;
let profiles: string;
let roomGroup: number | undefined;
beforeAll(async () => {
  profiles = await mkdtemp(join(tmpdir(), 'roomctl-call-ctrl-c-'));
  server = createServer((_req, res) => res.end('<!doctype html><title>Call</title>'));
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
});
afterAll(async () => {
  // The child and whatever of the browser is left, whether or not the test got through.
  if (roomGroup && processAlive(roomGroup)) process.kill(-roomGroup, 'SIGKILL');
  server.closeAllConnections();
  await new Promise<void>((resolve) => server.close(() => resolve()));
  await rm(profiles, { recursive: true, force: true });
});

/** The process group a process is in (/proc/PID/stat's fifth field, after the command's parentheses). */
const processGroupOf = (pid: number) => Number(readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1]!.split(' ')[2]);

it("a Ctrl-C reaches the room, not its call's browser: the room leaves the call itself", async () => {
  const script = fileURLToPath(new URL('./testing/call-in-a-child.ts', import.meta.url));
  // A group of its own, as a shell gives the command it runs in the foreground.
  const room = spawn(process.execPath, ['--import', 'tsx', script, `http://127.0.0.1:${(server.address() as AddressInfo).port}/j/1`, profiles], {
    stdio: ['ignore', 'pipe', 'inherit'],
    detached: true,
  });
  roomGroup = room.pid;
  let out = '';
  room.stdout!.on('data', (c: Buffer) => (out += c.toString()));
  const lines = () => out.split('\n').filter((l) => l.startsWith('{'));
  const joined = JSON.parse(await until(() => lines()[0], 30_000, 'the call in the child')) as { state: string; pid: number };
  expect(joined.state).toBe('in-call');
  expect(processGroupOf(joined.pid)).toBe(joined.pid);
  expect(processGroupOf(joined.pid)).not.toBe(processGroupOf(room.pid!));

  process.kill(-room.pid!, 'SIGINT');

  const left = JSON.parse(await until(() => lines()[1], 30_000, 'the call left')) as { since: string[] };
  expect(left.since).toEqual(['ended: the room is stopping']);
  await until(() => !processAlive(joined.pid), 15_000, 'the call browser closed');
}, 60_000);
