import { execFile } from 'node:child_process';
import { lstat, readFile, stat } from 'node:fs/promises';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { loadConfigFile } from '../appliance/config/config-load.js';
import { PROVISIONING_DRIVERS } from './provisioning-drivers.js';
import { startOnvifSimulator, type RunningOnvifSimulator } from '../drivers/onvif/onvif-camera-simulator.js';
import { startMosquitto, type RunningMosquitto } from '../tests/helpers/mosquitto.js';
import { findUser } from './install/system-state.js';
import { mosquittoAcl } from './install/mqtt-identity.js';
import { provision, type ProvisionOutcome } from './provision.js';
import { startCalendarServer } from './testing/calendar-server.js';
import { MDC_ADAPTER, SILENT_ADAPTER, startRoomLab, VISCA_ADAPTER, type RoomLab } from './testing/room-lab.js';

const run = promisify(execFile);
const drivers = PROVISIONING_DRIVERS;
const USER = 'roomctl-hq-hq-3f-aurora';

let lab: RoomLab;
let broker: RunningMosquitto;
let calendar: Awaited<ReturnType<typeof startCalendarServer>>;
let camera: RunningOnvifSimulator;
let outcome: ProvisionOutcome;
let stdout = '';

beforeAll(async () => {
  lab = await startRoomLab({ viscaCameras: 2, mdc: true, silentPort: true });
  broker = await startMosquitto({ users: [{ username: USER, password: 'aurora-broker-pass' }], acl: mosquittoAcl(USER, 'hq', 'hq-3f-aurora') });
  calendar = await startCalendarServer();
  camera = await startOnvifSimulator({ port: 0, discovery: { port: 0 }, auth: { username: 'operator', password: 'cam-pass' }, name: 'Rear PTZ' });
  const answers = lab.answers({
    mqtt: { url: broker.url, password: 'aurora-broker-pass' },
    devices: {
      onvif: { username: 'operator', password: 'cam-pass' },
      names: { [`127.0.0.1:${camera.endpoint.port}`]: { id: 'cam-rear', name: 'Rear camera' } },
    },
    discovery: { onvif: { address: '127.0.0.1', port: camera.discoveryPort, timeoutMs: 800 } },
    calendar: { url: calendar.url },
    notifications: { facilities: ['facilities@example.com'] },
  });
  outcome = await provision({
    answers,
    root: lab.root,
    drivers,
    discovery: lab.deps,
    out: (l) => (stdout += `${l}\n`),
    progress: () => undefined,
    doctorDeviceTimeoutMs: 8000,
  });
}, 60_000);
afterAll(async () => {
  await lab?.close();
  await broker?.close();
  await calendar?.close();
  await camera?.close();
});

const file = (path: string) => readFile(join(lab.root, path), 'utf8');

it('names the right driver for each simulator, and says why the silent port got none', async () => {
  const config = await loadConfigFile(join(lab.root, 'etc/roomctl/room.yaml'), drivers);
  expect(config.devices.map((d) => [d.id, d.driver, d.serialPort ?? d.host ?? d.port, d.address ?? d.displayId])).toEqual([
    ['camera-1', 'visca-serial', join(lab.byIdDir, VISCA_ADAPTER), 1],
    ['camera-2', 'visca-serial', join(lab.byIdDir, VISCA_ADAPTER), 2],
    ['display-1', 'samsung-mdc', join(lab.byIdDir, MDC_ADAPTER), 1],
    ['cam-rear', 'onvif', '127.0.0.1', undefined],
    ['display-2', 'pjlink', '127.0.0.1', undefined],
  ]);
  expect(config.devices[3]).toMatchObject({ name: 'Rear camera', username: 'operator', password: 'cam-pass' });
  expect(outcome.notes.find((n) => n.includes(SILENT_ADAPTER))).toMatch(/no answer — answered nothing to: VISCA address set/);
});

it('writes a config that passes config check, with every secret in a 0600 file owned by the service user', async () => {
  const config = await loadConfigFile(join(lab.root, 'etc/roomctl/room.yaml'), drivers);
  expect(config).toMatchObject({
    room: { id: 'hq-3f-aurora', locale: 'en' },
    mqtt: { username: USER, password: 'aurora-broker-pass' },
    calendar: { url: calendar.url },
  });
  expect(config.api.tokens[0]).toMatch(/^[\w-]{32}$/);
  const roomYaml = await file('etc/roomctl/room.yaml');
  for (const secret of ['aurora-broker-pass', config.api.tokens[0]!, 'private-7f3a', 'cam-pass']) expect(roomYaml).not.toContain(secret);

  const secrets = await stat(join(lab.root, 'etc/roomctl/secrets.yaml'));
  expect((secrets.mode & 0o777).toString(8)).toBe('600');
  const user = await findUser(lab.root, 'roomctl');
  expect(user).toBeDefined();
  if (process.getuid?.() === 0) expect([secrets.uid, secrets.gid]).toEqual([user!.uid, user!.gid]);
  expect(((await stat(join(lab.root, 'etc/roomctl/room.yaml'))).mode & 0o777).toString(8)).toBe('644');
  expect(((await stat(join(lab.root, 'var/lib/roomctl'))).mode & 0o777).toString(8)).toBe('750');
});

it('grants exactly the adapters it configured through udev, and enables a sandboxed unit systemd accepts', async () => {
  const rules = (await file('etc/udev/rules.d/70-roomctl.rules')).split('\n').filter((l) => l.startsWith('SUBSYSTEM'));
  expect(rules).toEqual([
    'SUBSYSTEM=="tty", ATTRS{idVendor}=="0403", ATTRS{idProduct}=="6001", ATTRS{serial}=="A50285BI", OWNER="roomctl", GROUP="roomctl", MODE="0600"',
    'SUBSYSTEM=="tty", ATTRS{idVendor}=="067b", ATTRS{idProduct}=="2303", OWNER="roomctl", GROUP="roomctl", MODE="0600"',
  ]);
  const unit = await file('etc/systemd/system/roomctl.service');
  for (const line of [
    'Type=notify',
    'WatchdogSec=30',
    'NoNewPrivileges=yes',
    'ProtectSystem=strict',
    'ProtectHome=yes',
    'PrivateTmp=yes',
    'ReadWritePaths=/var/lib/roomctl',
    'Restart=on-failure',
    'StandardOutput=journal',
    'User=roomctl',
  ]) {
    expect(unit.split('\n')).toContain(line);
  }
  expect(unit).toMatch(/^RestrictAddressFamilies=AF_UNIX AF_INET AF_INET6/m);
  const has = (program: string) =>
    run('which', [program]).then(
      () => true,
      () => false,
    );
  if (await has('systemctl')) expect((await lstat(join(lab.root, 'etc/systemd/system/multi-user.target.wants/roomctl.service'))).isSymbolicLink()).toBe(true);
  else expect(outcome.skipped.some((s) => s.includes('systemctl is not installed here'))).toBe(true);

  const analyze = await has('systemd-analyze');
  if (!analyze) {
    console.warn('systemd-analyze is not installed: the unit was not verified by systemd (install the Debian systemd package to check it)');
    return;
  }
  const verify = await run('systemd-analyze', ['verify', join(lab.root, 'etc/systemd/system/roomctl.service')]).then(
    (r) => ({ code: 0, stderr: r.stderr }),
    (e: { code: number; stderr: string }) => e,
  );
  expect(verify.stderr).not.toMatch(/Unknown (key|section)|ignoring|not executable/);
  expect(verify.code).toBe(0);
});

it('ends with a doctor report that proves the room: devices, broker (as the room), calendar, panel', () => {
  const doctor = outcome.doctor!;
  expect(doctor.results.map((r) => [r.area, r.status])).toEqual([
    ['config', 'ok'],
    ['device', 'ok'],
    ['device', 'ok'],
    ['device', 'ok'],
    ['device', 'ok'],
    ['device', 'ok'],
    ['broker', 'ok'],
    ['calendar', 'ok'],
    ['panel', 'ok'],
  ]);
  expect(doctor.passed).toBe(true);
  // Each device named with where it is: its serial port (a display over RS-232 too), or its host and port.
  expect(doctor.results.filter((r) => r.area === 'device').map((r) => r.name.replace(/:\d+\)$/, ':…)'))).toEqual([
    `camera-1 (visca-serial ${join(lab.byIdDir, VISCA_ADAPTER)})`,
    `camera-2 (visca-serial ${join(lab.byIdDir, VISCA_ADAPTER)})`,
    `display-1 (samsung-mdc ${join(lab.byIdDir, MDC_ADAPTER)})`,
    'cam-rear (onvif 127.0.0.1:…)',
    'display-2 (pjlink 127.0.0.1:…)',
  ]);
  expect(stdout).toMatch(
    /\[ ok \] broker +mqtt:\/\/127\.0\.0\.1:\d+: connected as user roomctl-hq-hq-3f-aurora; a self-test event on roomctl\/hq\/hq-3f-aurora\/events was accepted/,
  );
  expect(stdout).toMatch(/\[ ok \] calendar +http:\/\/127\.0\.0\.1:\d+\/…: fetched and read: 1 booking\(s\)/);
  expect(stdout).toMatch(/result: PASS/);
  expect(stdout).toContain(`topic readwrite roomctl/hq/hq-3f-aurora/#`);
});
