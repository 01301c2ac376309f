import { chmod, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { startAppliance, type Appliance } from '../../appliance/app.js';
import type { RoomConfig } from '../../appliance/config/config-schema.js';
import { parseFleetMessage } from '../../fleet/fleet-messages.js';
import { createLogger } from '../../appliance/logger.js';
import { startPjlinkSimulator, type RunningPjlinkSimulator } from '../../drivers/pjlink/pjlink-simulator.js';
import { runCli } from '../helpers/cli.js';
import { waitFor } from '../helpers/test-room.js';

/**
 * A display whose password is not the one in the config. Before, it was `offline` like an
 * unplugged one and every view said "check its cable, power and address". Now it is
 * `auth-failed` in the device list, the status summary, the health payload MQTT carries (and
 * the fleet accepts), the Prometheus metrics and `roomctl doctor`; actions say "wrong password"
 * and where to fix it.
 */
const TOKEN = 'a-test-token-of-16-chars';
let display: RunningPjlinkSimulator;
let appliance: Appliance;
let dir: string;

beforeAll(async () => {
  display = await startPjlinkSimulator({ port: 0, password: 'the-right-one' });
  dir = await mkdtemp(join(tmpdir(), 'roomctl-auth-'));
  const device = { id: 'display', driver: 'pjlink', host: '127.0.0.1', port: display.endpoint.port, password: 'a-wrong-one', notifyPort: 0 };
  const config: RoomConfig = {
    room: { id: 'aurora', name: 'Aurora', site: 'hq', timezone: 'UTC' },
    api: { listen: '127.0.0.1:0', tokens: [TOKEN] },
    storage: { dir },
    log: { level: 'info' },
    devices: [device],
  } as RoomConfig;
  appliance = await startAppliance(config, { log: createLogger({ level: 'silent', pretty: false }) });
  await waitFor(() => appliance.core.devices.get('display').status === 'auth-failed', 10_000, 'the display to be refused');
  await writeFile(
    join(dir, 'room.yaml'),
    [
      'room: { id: other, name: Other, site: hq, timezone: UTC }',
      'api: { listen: "127.0.0.1:1" }',
      'devices:',
      `  - ${JSON.stringify(device)}`,
      'secrets: secrets.yaml',
      '',
    ].join('\n'),
  );
  await writeFile(join(dir, 'secrets.yaml'), `api: { tokens: [ "${TOKEN}" ] }\n`);
  await chmod(join(dir, 'secrets.yaml'), 0o600);
});
afterAll(async () => {
  await appliance?.close();
  await display?.close();
  await rm(dir, { recursive: true, force: true });
});

it('the device list and the status summary say auth-failed, with the coded reason', async () => {
  const devices = (await (await fetch(`${appliance.url}/api/v1/devices`)).json()) as Array<{ id: string; status: string; detail: string }>;
  expect(devices[0]).toMatchObject({ id: 'display', status: 'auth-failed', detail: expect.stringContaining('ROOMCTL_E_DEVICE_AUTH') });
  const status = (await (await fetch(`${appliance.url}/api/v1/status`)).json()) as { devices: Record<string, number> };
  expect(status.devices).toMatchObject({ 'auth-failed': 1, offline: 0, total: 1 });
});

it('an action says wrong password and where to fix it, not "check its cable"', async () => {
  const response = await fetch(`${appliance.url}/api/v1/devices/display/actions/power`, {
    method: 'POST',
    headers: { authorization: `Bearer ${TOKEN}`, 'content-type': 'application/json' },
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
  const health = appliance.health.get('display')!;
  expect(health).toMatchObject({ status: 'auth-failed', code: 'ROOMCTL_E_DEVICE_AUTH', detail: expect.stringContaining('Wrong password') });
  const parsed = parseFleetMessage('roomctl/hq/aurora/devices/display/health', Buffer.from(JSON.stringify(health)));
  expect(parsed).toMatchObject({ kind: 'health', health: { status: 'auth-failed' } });
});

it('the Prometheus metrics have the status, and the device is not up', async () => {
  const metrics = await (await fetch(`${appliance.url}/metrics`)).text();
  expect(metrics).toMatch(/^roomctl_device_health\{device="display",status="auth-failed",[^}]*\} 1$/m);
  expect(metrics).toMatch(/^roomctl_device_health\{device="display",status="offline",[^}]*\} 0$/m);
  expect(metrics).toMatch(/^roomctl_device_up\{device="display",[^}]*\} 0$/m);
});

it('roomctl doctor says wrong password', { timeout: 60_000 }, async () => {
  const result = await runCli(['doctor', '--config', join(dir, 'room.yaml'), '--device-timeout', '5']);
  expect(result.code).toBe(1);
  expect(result.stdout).toMatch(/\[FAIL\] device +display \(pjlink 127\.0\.0\.1:\d+\): ROOMCTL_E_DEVICE_AUTH wrong password: .*secrets\.yaml/);
});
