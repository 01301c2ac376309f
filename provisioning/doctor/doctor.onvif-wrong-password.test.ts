import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { writeRoomConfigFiles } from '../../tests/helpers/room-config-files.js';
import { startOnvifSimulator, type RunningOnvifSimulator } from '../../drivers/onvif/onvif-camera-simulator.js';
import { runCli } from '../../tests/helpers/cli.js';

let dir: string;
let camera: RunningOnvifSimulator;
beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'roomctl-doctor-onvif-'));
  // A camera that lets anyone read its services (as ONVIF allows) and checks the password at GetProfiles.
  camera = await startOnvifSimulator({ events: false, discovery: false, auth: { username: 'operator', password: 'right-one', mode: 'ws-security' } });
  await writeRoomConfigFiles(dir, [
    'room: { id: aurora, name: Aurora, site: hq, timezone: UTC }',
    'api: { listen: "127.0.0.1:1" }',
    'devices:',
    `  - { id: cam-rear, driver: onvif, host: 127.0.0.1, port: ${camera.endpoint.port}, username: operator, password: wrong-one }`,
  ]);
});
afterAll(async () => {
  await camera?.close();
  await rm(dir, { recursive: true, force: true });
});

/** One doctor run for both looks at its report (each run waits on the camera). */
let report: ReturnType<typeof runCli> | undefined;
const doctor = () => (report ??= runCli(['doctor', '--config', join(dir, 'room.yaml'), '--device-timeout', '5']));

it('doctor says "wrong password" for an ONVIF camera that refuses the credentials, not "no media profile"', async () => {
  const result = await doctor();

  expect(result.code).toBe(1);
  expect(result.stdout).toMatch(/\[FAIL\] device +cam-rear \(onvif 127\.0\.0\.1:\d+\): .*ROOMCTL_E_DEVICE_AUTH.*wrong password/);
  expect(result.stdout).not.toMatch(/no media profile/);
});

it('says "wrong password" once and the fix once, on one line that names the entry to change', async () => {
  const result = await doctor();

  const line = result.stdout.split('\n').find((l) => l.includes('cam-rear')) ?? '';
  expect(line.match(/wrong password/gi)).toHaveLength(1);
  expect(line.match(/ROOMCTL_E_DEVICE_AUTH/g)).toHaveLength(1);
  expect(line.match(/\b(fix|put|set)\b/gi)).toHaveLength(1);
  expect(line).toMatch(/refused user 'operator'.* — next: put the username and password the device expects in devices\[0\] \(cam-rear\)/);
});
