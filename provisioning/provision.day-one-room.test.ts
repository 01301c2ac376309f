import { createServer } from 'node:net';
import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { parse, stringify } from 'yaml';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { lanAddress } from '../appliance/lan-address.js';
import { runDoctor } from './doctor/doctor.js';
import { provision, type ProvisionOutcome } from './provision.js';
import { startRoomLab, type RoomLab } from './testing/room-lab.js';
import { execStartOf, runExecStart, type UnitProcess } from './testing/unit-process.js';

/**
 * IT's first room: provisioned into --root from an answers file with no public URL and no
 * PIN answered, then started with the unit's own ExecStart line. Phones must be able to open
 * what the QR codes carry, and the panel's admin view must open with the PIN.
 */
let lab: RoomLab;
let outcome: ProvisionOutcome;
let stdout = '';
let room: UnitProcess | undefined;
let port: number;
const lan = lanAddress();

const freePort = () =>
  new Promise<number>((resolve) => {
    const server = createServer().listen(0, () => {
      const { port: p } = server.address() as { port: number };
      server.close(() => resolve(p));
    });
  });

beforeAll(async () => {
  lab = await startRoomLab({ viscaCameras: 1 });
  port = await freePort();
  // The broker password marked secret the way the docs allow for any answer.
  const answers = lab.answers({ api: { listen: `0.0.0.0:${port}` }, mqtt: { url: 'mqtt://127.0.0.1:9', password: { secret: 'marked-secret-pass' } } });
  outcome = await provision({ answers, root: lab.root, discovery: lab.deps, doctor: false, out: (l) => (stdout += `${l}\n`), progress: () => undefined });
}, 60_000);
afterAll(async () => {
  await room?.stop();
  await lab?.close();
});

const file = (path: string) => readFile(join(lab.root, path), 'utf8');

it("writes one public URL (this machine's LAN address), a generated admin PIN in secrets.yaml, and says how to pair a panel", async () => {
  const config = parse(await file('etc/roomctl/room.yaml')) as { api: { publicUrl?: string } };
  const secrets = parse(await file('etc/roomctl/secrets.yaml')) as { panel: { adminPin: string }; mqtt: { password: string } };
  expect(config.api.publicUrl).toBe(lan ? `http://${lan}:${port}` : undefined);
  expect(secrets.panel.adminPin).toMatch(/^\d{6}$/);
  expect(secrets.mqtt.password).toBe('marked-secret-pass');
  expect(await file('etc/roomctl/room.yaml')).not.toContain(secrets.panel.adminPin);
  const panelUrl = lan ? `http://${lan}:${port}/` : `http://<this machine>:${port}/`;
  expect(stdout).toContain(`panel URL   ${panelUrl}`);
  expect(stdout).toContain(`admin PIN   ${secrets.panel.adminPin}   (generated; kept in /etc/roomctl/secrets.yaml as panel.adminPin)`);
  expect(stdout).toMatch(/To pair a touch panel:\n {2}1\. open \S+ in the touch panel's browser .*\n {2}2\. on that panel, enter the admin PIN/);
  expect(outcome.adminPin).toBe(secrets.panel.adminPin);
});

it("starts with the unit's own ExecStart line (the young-generation flag in it); its QR codes open on the LAN address; the PIN opens the admin view", async () => {
  const argv = execStartOf(await file('etc/systemd/system/roomctl.service'));
  expect(argv.slice(1, 3)).toEqual(['--max-semi-space-size=2', expect.stringMatching(/bin\/roomctl\.js$/)]);
  // The same files, but the data folder inside --root (the unit would use /var/lib/roomctl).
  const config = parse(await file('etc/roomctl/room.yaml')) as Record<string, unknown>;
  config.storage = { dir: join(lab.root, 'var/lib/roomctl') };
  const configPath = join(lab.root, 'etc/roomctl/room-under-test.yaml');
  await writeFile(configPath, stringify(config));
  room = runExecStart(argv.map((a) => (a === '/etc/roomctl/room.yaml' ? configPath : a)));
  const ready = await room.ready;
  const publicUrl = String(ready.publicUrl);
  expect(publicUrl).toBe(lan ? `http://${lan}:${port}` : `http://127.0.0.1:${port}`);

  const secrets = parse(await file('etc/roomctl/secrets.yaml')) as { api: { tokens: string[] }; panel: { adminPin: string } };
  const auth = { authorization: `Bearer ${secrets.api.tokens[0]}`, 'content-type': 'application/json' };
  // What a phone on the LAN does: open the public URL.
  const door = (await (await fetch(`${publicUrl}/api/v1/door/access`, { headers: auth })).json()) as { url: string };
  expect(door.url.startsWith(`${publicUrl}/book#code=`)).toBe(true);
  const booked = (await (
    await fetch(`${publicUrl}/api/v1/bookings`, { method: 'POST', headers: auth, body: JSON.stringify({ minutes: 30, title: 'Day one' }) })
  ).json()) as { id: string };
  const meeting = (await (await fetch(`${publicUrl}/api/v1/meetings/${booked.id}/access`, { headers: auth })).json()) as { url: string };
  expect(meeting.url.startsWith(`${publicUrl}/meeting/${booked.id}?code=`)).toBe(true);
  expect((await fetch(`${publicUrl}/api/v1/status`)).status).toBe(200);

  const admin = await fetch(`${publicUrl}/api/v1/admin/session`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ pin: secrets.panel.adminPin }),
  });
  expect(admin.status).toBe(200);

  // doctor, asking the running room, proves the URL in the QR codes reaches it.
  const report = await runDoctor({ configPath, deviceTimeoutMs: 3000, brokerTimeoutMs: 1000 });
  expect(report.mode).toBe('running-service');
  expect(report.results.find((r) => r.name === `${publicUrl}/`)).toMatchObject({
    area: 'panel',
    status: 'ok',
    detail: 'the public URL (QR codes, e-mail links) reaches this room',
  });
}, 60_000);
