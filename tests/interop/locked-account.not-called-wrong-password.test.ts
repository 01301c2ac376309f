import { mkdtemp, rm } from 'node:fs/promises';
import { connect } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { startAppliance, type Appliance } from '../../appliance/app.js';
import type { RoomConfig } from '../../appliance/config/config-schema.js';
import { createLogger } from '../../appliance/logger.js';
import { startPjlinkSimulator, type RunningPjlinkSimulator } from '../../drivers/pjlink/pjlink-simulator.js';
import { waitFor } from '../helpers/test-room.js';

/**
 * A display that locked its account after three wrong logins (someone else's controller) refuses
 * the right password as it refuses a wrong one. The room, holding the right password, must not
 * tell people flatly that it is wrong: its health says the password is wrong or the account locked.
 */
const TOKEN = 'a-test-token-of-16-chars';
let display: RunningPjlinkSimulator;
let appliance: Appliance;
let dir: string;

/** One login with a made-up digest, as a misconfigured controller sends it; resolves when the display hangs up. */
function wrongLogin(port: number): Promise<void> {
  return new Promise((resolve) => {
    const socket = connect({ host: '127.0.0.1', port });
    socket.once('data', () => socket.write(`${'0'.repeat(32)}%1POWR ?\r`));
    socket.on('error', () => resolve());
    socket.on('close', () => resolve());
  });
}

beforeAll(async () => {
  display = await startPjlinkSimulator({ port: 0, password: 'the-right-one', quirks: ['auth-lockout'], lockoutMs: 600_000 });
  for (let i = 0; i < 3; i++) await wrongLogin(display.endpoint.port);
  dir = await mkdtemp(join(tmpdir(), 'roomctl-locked-'));
  const device = { id: 'display', driver: 'pjlink', host: '127.0.0.1', port: display.endpoint.port, password: 'the-right-one', notifyPort: 0 };
  const config = {
    room: { id: 'aurora', name: 'Aurora', site: 'hq', timezone: 'UTC' },
    api: { listen: '127.0.0.1:0', tokens: [TOKEN] },
    storage: { dir },
    log: { level: 'info' },
    devices: [device],
  } as RoomConfig;
  appliance = await startAppliance(config, { log: createLogger({ level: 'silent', pretty: false }) });
  await waitFor(() => appliance.core.devices.get('display').status === 'auth-failed', 10_000, 'the display to refuse the room');
});
afterAll(async () => {
  await appliance?.close();
  await display?.close();
  await rm(dir, { recursive: true, force: true });
});

it('the health of a display refusing the right password says wrong password or locked account, not just wrong password', () => {
  expect(display.logins.failed).toBeGreaterThanOrEqual(4);
  const detail = appliance.health.get('display')?.detail ?? '';
  expect(appliance.health.get('display')).toMatchObject({ status: 'auth-failed', code: 'ROOMCTL_E_DEVICE_AUTH' });
  expect(detail).not.toMatch(/Wrong password:/);
  expect(detail).toMatch(/Wrong password or locked account: .*unlock the account on the device/);
});
