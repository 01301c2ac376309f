/**
 * The call's browser never outlives the room: it is driven over a pipe to the room's process,
 * and when that process dies (kill -9, no chance to close anything) the pipe closes and the
 * browser goes with it.
 */
import { spawn } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { until } from '../../tests/helpers/until.js';
import { processAlive } from '../../tests/helpers/process-alive.js';

let server: Server;
let profiles: string;
beforeAll(async () => {
  profiles = await mkdtemp(join(tmpdir(), 'roomctl-call-child-'));
  server = createServer((_req, res) => res.end('<!doctype html><title>Call</title>'));
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
});
afterAll(async () => {
  server.closeAllConnections();
  await new Promise<void>((resolve) => server.close(() => resolve()));
  await rm(profiles, { recursive: true, force: true });
});

it('a room process killed with -9 mid-call takes its call browser with it', async () => {
  const script = fileURLToPath(new URL('./testing/call-in-a-child.ts', import.meta.url));
  const room = spawn(process.execPath, ['--import', 'tsx', script, `http://127.0.0.1:${(server.address() as AddressInfo).port}/j/1`, profiles], {
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  let out = '';
  room.stdout!.on('data', (c: Buffer) => (out += c.toString()));
  const line = await until(() => out.split('\n').find((l) => l.startsWith('{')), 30_000, 'the call in the child');
  const { state, pid } = JSON.parse(line) as { state: string; pid: number };
  expect(state).toBe('in-call');
  expect(processAlive(pid)).toBe(true);
  room.kill('SIGKILL');
  await until(() => !processAlive(pid), 15_000, 'the call browser gone with the room');
});
