import { mkdtemp, rm } from 'node:fs/promises';
import { createServer, type Server } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { runCli } from '../../tests/helpers/cli.js';
import { writeRoomConfigFiles } from '../../tests/helpers/room-config-files.js';

/**
 * Another web program already listens on the room's api.listen port (it answers 404 to the
 * room's status). The room is not running, so doctor starts its own trial room on a loopback
 * port, which passes; the service itself would fail at every start. doctor must say so.
 */
let dir: string;
let squatter: Server;
let port: number;

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'roomctl-doctor-port-'));
  squatter = createServer((_req, res) => res.writeHead(404).end('not here'));
  await new Promise<void>((resolve) => squatter.listen(0, '127.0.0.1', resolve));
  port = (squatter.address() as { port: number }).port;
  await writeRoomConfigFiles(dir, ['room: { id: aurora, name: Aurora, site: hq, timezone: UTC }', `api: { listen: "127.0.0.1:${port}" }`]);
});
afterAll(async () => {
  await new Promise((resolve) => squatter?.close(resolve));
  await rm(dir, { recursive: true, force: true });
});

it('fails the room whose listen port another program holds, naming api.listen and what to do', async () => {
  const config = join(dir, 'room.yaml');
  const result = await runCli(['doctor', '--config', config]);

  expect(result.code).toBe(1);
  expect(result.stdout).toContain(
    `  [FAIL] panel     api.listen 127.0.0.1:${port}: ROOMCTL_E_LISTEN_IN_USE Cannot listen on 127.0.0.1:${port}: the port is in use: the room cannot start there — next: stop the program that holds that port (ss -ltnp shows which) or set api.listen in ${config} to a free port (1024 or above); then systemctl restart roomctl`,
  );
  expect(result.stdout).toMatch(/\[ ok \] panel +http:\/\/127\.0\.0\.1:\d+\/: served/);
  expect(result.stdout).toContain('result: FAIL — 1 problem(s)');
}, 60_000);
