import { join } from 'node:path';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { writeRoomConfigFiles } from '../helpers/room-config-files.js';
import { parseFleetMessage } from '../../fleet/fleet-messages.js';
import { startPjlinkSimulator } from '../../drivers/pjlink/pjlink-simulator.js';
import { runCli } from '../helpers/cli.js';
import { startRoomRefusedByDisplay, type RefusedDisplayRoom } from '../helpers/refused-display-room.js';

/**
 * A display whose password is not the one in the config. Before, it was `offline` like an
 * unplugged one and every view said "check its cable, power and address". Now it is
 * `auth-failed` in the device list, the status summary, the health payload MQTT carries (and
 * the fleet accepts), the Prometheus metrics and `roomctl doctor`; actions say "wrong password"
 * and where to fix it.
 */
let room: RefusedDisplayRoom;

beforeAll(async () => {
  room = await startRoomRefusedByDisplay(await startPjlinkSimulator({ port: 0, password: 'the-right-one' }), 'a-wrong-one');
  const { dir, device, token } = room;
  await writeRoomConfigFiles(
    dir,
    ['room: { id: other, name: Other, site: hq, timezone: UTC }', 'api: { listen: "127.0.0.1:1" }', 'devices:', `  - ${JSON.stringify(device)}`],
    token,
  );
});
afterAll(async () => room?.close());

it('the device list and the status summary say auth-failed, with the coded reason', async () => {
  const devices = (await (await fetch(`${room.appliance.url}/api/v1/devices`)).json()) as Array<{ id: string; status: string; detail: string }>;
  expect(devices[0]).toMatchObject({ id: 'display', status: 'auth-failed', detail: expect.stringContaining('ROOMCTL_E_DEVICE_AUTH') });
  const status = (await (await fetch(`${room.appliance.url}/api/v1/status`)).json()) as { devices: Record<string, number> };
  expect(status.devices).toMatchObject({ 'auth-failed': 1, offline: 0, total: 1 });
});

it('an action says wrong password and where to fix it, not "check its cable"', async () => {
  const response = await fetch(`${room.appliance.url}/api/v1/devices/display/actions/power`, {
    method: 'POST',
    headers: { authorization: `Bearer ${room.token}`, 'content-type': 'application/json' },
    body: JSON.stringify({ on: true }),
  });
  const body = (await response.json()) as { code: string; message: string; hint: string };
  expect(response.status).toBe(502);
  expect(body).toMatchObject({
    code: 'ROOMCTL_E_DEVICE_AUTH',
    message: expect.stringContaining('wrong password'),
    hint: expect.stringContaining('secrets.yaml'),
  });
  expect(body.hint).not.toContain('cable');
});

it('the health MQTT carries says auth-failed, and the fleet takes it', () => {
  const health = room.appliance.health.get('display')!;
  expect(health).toMatchObject({ status: 'auth-failed', code: 'ROOMCTL_E_DEVICE_AUTH', detail: expect.stringContaining('Wrong password') });
  const parsed = parseFleetMessage('roomctl/hq/aurora/devices/display/health', Buffer.from(JSON.stringify(health)));
  expect(parsed).toMatchObject({ kind: 'health', health: { status: 'auth-failed' } });
});

it('the Prometheus metrics have the status, and the device is not up', async () => {
  const metrics = await (await fetch(`${room.appliance.url}/metrics`)).text();
  expect(metrics).toMatch(/^roomctl_device_health\{device="display",status="auth-failed",[^}]*\} 1$/m);
  expect(metrics).toMatch(/^roomctl_device_health\{device="display",status="offline",[^}]*\} 0$/m);
  expect(metrics).toMatch(/^roomctl_device_up\{device="display",[^}]*\} 0$/m);
});

it('roomctl doctor says wrong password', { timeout: 60_000 }, async () => {
  const result = await runCli(['doctor', '--config', join(room.dir, 'room.yaml'), '--device-timeout', '5']);
  expect(result.code).toBe(1);
  expect(result.stdout).toMatch(/\[FAIL\] device +display \(pjlink 127\.0\.0\.1:\d+\): ROOMCTL_E_DEVICE_AUTH wrong password: .*secrets\.yaml/);
});
