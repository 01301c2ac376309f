import { execFile } from 'node:child_process';
import { readFile, stat } from 'node:fs/promises';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { parse } from 'yaml';
import { findUser } from './install/system-state.js';
import { provision } from './provision.js';
import { startRoomLab, type RoomLab } from './testing/room-lab.js';

const run = promisify(execFile);
let lab: RoomLab;
beforeAll(async () => {
  lab = await startRoomLab({ viscaCameras: 0 });
});
afterAll(() => lab?.close());

it("makes a key (0600, the service user's) and a CSR naming the room, keeps them on reruns, and wires in the signed certificate once it is there", async () => {
  const answers = lab.answers({ mqtt: { url: 'mqtts://broker.example:8883', identity: 'certificate', emqxAcl: true } });
  const go = () => provision({ answers, root: lab.root, discovery: lab.deps, doctor: false, out: () => undefined, progress: () => undefined });
  const path = (p: string) => join(lab.root, 'etc/roomctl/mqtt', p);

  const first = await go();
  expect(first.notes.some((n) => n.includes('send /etc/roomctl/mqtt/room.csr to your CA'))).toBe(true);
  const key = await stat(path('room.key'));
  expect((key.mode & 0o777).toString(8)).toBe('600');
  if (process.getuid?.() === 0) expect(key.uid).toBe((await findUser(lab.root, 'roomctl'))!.uid);
  const { stdout: subject } = await run('openssl', ['req', '-in', path('room.csr'), '-noout', '-subject', '-verify']);
  expect(subject).toMatch(/CN\s*=\s*roomctl-hq-hq-3f-aurora/);
  expect(await readFile(path('emqx-acl.conf'), 'utf8')).toContain('{allow, {username, "roomctl-hq-hq-3f-aurora"}, all, ["roomctl/hq/hq-3f-aurora/#"]}.');

  expect((await go()).changes).toEqual([]);

  // The CA signs the request; IT drops the certificate where the note said.
  await run('openssl', [
    'req',
    '-x509',
    '-newkey',
    'ec',
    '-pkeyopt',
    'ec_paramgen_curve:P-256',
    '-nodes',
    '-keyout',
    join(lab.dir, 'ca.key'),
    '-out',
    join(lab.dir, 'ca.pem'),
    '-subj',
    '/CN=test CA',
    '-days',
    '2',
  ]);
  await run('openssl', [
    'x509',
    '-req',
    '-in',
    path('room.csr'),
    '-CA',
    join(lab.dir, 'ca.pem'),
    '-CAkey',
    join(lab.dir, 'ca.key'),
    '-CAcreateserial',
    '-out',
    path('room.crt'),
    '-days',
    '2',
  ]);
  const third = await go();
  expect(third.changes.some((c) => c.startsWith('update /etc/roomctl/room.yaml'))).toBe(true);
  const config = parse(await readFile(join(lab.root, 'etc/roomctl/room.yaml'), 'utf8')) as { mqtt: Record<string, unknown> };
  expect(config.mqtt).toEqual({ url: 'mqtts://broker.example:8883', cert: '/etc/roomctl/mqtt/room.crt', key: '/etc/roomctl/mqtt/room.key' });
}, 30_000);
