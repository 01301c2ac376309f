/**
 * IT lists a host in `discovery.hosts` and it answers none of the drivers' questions (a camera
 * whose protocol has no question on a TCP port, a box that takes the connection and waits).
 * The note says so once per host:port, naming every question asked, not only the first one.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { createServer, type Server, type Socket } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, expect, it } from 'vitest';
import { validateAnswers } from '../answers/answers-load.js';
import { discoverRoom } from '../discovery/discover.js';
import { proposeDevices } from '../proposals.js';
import { PROVISIONING_DRIVERS } from '../provisioning-drivers.js';
import { tcpProbesOf } from './driver-probes.js';

const cleanups: (() => Promise<unknown>)[] = [];
afterEach(async () => {
  for (const c of cleanups.splice(0).reverse()) await c();
});

it('names the host once and every question it left unanswered', async () => {
  const held = new Set<Socket>();
  const server: Server = createServer((socket) => held.add(socket.on('close', () => held.delete(socket))));
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  cleanups.push(() => new Promise((resolve) => server.close(resolve)));
  cleanups.push(async () => {
    for (const socket of held) socket.destroy();
  });
  const empty = await mkdtemp(join(tmpdir(), 'roomctl-no-serial-'));
  cleanups.push(() => rm(empty, { recursive: true }));
  const where = `127.0.0.1:${(server.address() as { port: number }).port}`;
  const answers = validateAnswers(
    {
      room: { id: 'lab', name: 'Lab', site: 'hq', timezone: 'UTC' },
      discovery: {
        serialByIdDir: empty,
        systemSerialPorts: false,
        hid: false,
        probeTimeoutMs: 200,
        hosts: [where],
        pjlink: { search: false },
        onvif: { search: false },
      },
    },
    'answers',
  );

  const { notes } = proposeDevices(await discoverRoom(answers), answers, PROVISIONING_DRIVERS);

  const asked = tcpProbesOf(PROVISIONING_DRIVERS).map((p) => `connected, but no ${p.tcp.label} arrived`);
  expect(asked.length).toBeGreaterThan(1);
  expect(notes).toEqual([`${where}: ${asked.join('; ')}; not configured`]);
}, 30_000);
