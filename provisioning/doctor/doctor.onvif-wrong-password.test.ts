import { chmod, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { startOnvifSimulator, type RunningOnvifSimulator } from '../../drivers/onvif/onvif-camera-simulator.js';
import { runCli } from '../../tests/helpers/cli.js';

let dir: string;
let camera: RunningOnvifSimulator;
beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'roomctl-doctor-onvif-'));
  // A camera that lets anyone read its services (as ONVIF allows) and checks the password at GetProfiles.
  camera = await startOnvifSimulator({ events: false, discovery: false, auth: { username: 'operator', password: 'right-one', mode: 'ws-security' } });
  await writeFile(
    join(dir, 'room.yaml'),
    [
      'room: { id: aurora, name: Aurora, site: hq, timezone: UTC }',
      'api: { listen: "127.0.0.1:1" }',
      'devices:',
      `  - { id: cam-rear, driver: onvif, host: 127.0.0.1, port: ${camera.endpoint.port}, username: operator, password: wrong-one }`,
      'secrets: secrets.yaml',
      '',
    ].join('\n'),
  );
  await writeFile(join(dir, 'secrets.yaml'), 'api: { tokens: [ "0123456789abcdef-token" ] }\n');
  await chmod(join(dir, 'secrets.yaml'), 0o600);
});
afterAll(async () => {
  await camera?.close();
  await rm(dir, { recursive: true, force: true });
});

it('doctor says "wrong password" for an ONVIF camera that refuses the credentials, not "no media profile"', async () => {
  const result = await runCli(['doctor', '--config', join(dir, 'room.yaml'), '--device-timeout', '5']);

  expect(result.code).toBe(1);
  expect(result.stdout).toMatch(/\[FAIL\] device +cam-rear \(onvif 127\.0\.0\.1:\d+\): .*ROOMCTL_E_DEVICE_AUTH.*wrong password/);
  expect(result.stdout).not.toMatch(/no media profile/);
});
