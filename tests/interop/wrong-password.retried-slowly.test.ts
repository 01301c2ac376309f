import { afterEach, expect, it } from 'vitest';
import { DeviceSupervisor } from '../../appliance/devices/device-supervisor.js';
import { pjlinkDriver } from '../../drivers/pjlink/pjlink-definition.js';
import { startPjlinkSimulator, type RunningPjlinkSimulator } from '../../drivers/pjlink/pjlink-simulator.js';
import { ManualClock } from '../../drivers/testing/manual-clock.js';
import { waitFor } from '../helpers/test-room.js';

/**
 * A display whose password is not the one in the config. Before, the room retried about once
 * a second forever (60 failed logins a minute: real displays and cameras lock the account)
 * and actions said "check its cable". Now the device is `auth-failed`, tried at most 5 times
 * in the first minute and then at least a minute apart, and actions say "wrong password".
 * Time is a ManualClock; the logins are real, over loopback, counted by the display.
 */
const quiet = { debug() {}, info() {}, warn() {}, error() {} };
const MINUTES = process.env.ROOMCTL_FULL === '1' ? 30 : 6;

let sim: RunningPjlinkSimulator | undefined;
let supervisor: DeviceSupervisor | undefined;
afterEach(async () => {
  await supervisor?.stop();
  await sim?.close();
});

it(`a wrong password: at most 5 logins in the first minute, then one a minute or less (${MINUTES} min)`, { timeout: 60_000 }, async () => {
  sim = await startPjlinkSimulator({ port: 0, quirks: ['auth-lockout'], password: 'right-one' });
  const clock = new ManualClock();
  const config = { id: 'display', driver: 'pjlink', ...sim.endpoint, password: 'wrong-one', notifyPort: 0 };
  supervisor = new DeviceSupervisor({ deviceId: 'display', log: quiet, clock, probeIntervalMs: 5000, createDriver: (ctx) => pjlinkDriver.create(config, ctx) });
  const t0 = clock.now();
  const attempts: number[] = [];
  let seen = 0;
  const noteAttempts = () => {
    for (; seen < sim!.logins.attempts; seen++) attempts.push(clock.now() - t0);
  };

  supervisor.start();
  await waitFor(() => supervisor!.status.status === 'auth-failed' && clock.pending > 0, 5000, 'the first refused login');
  noteAttempts();
  for (let second = 1; second <= MINUTES * 60; second++) {
    clock.advance(1000);
    // A retry that fired logs in for real; wait until it has been refused and the next one is set.
    await waitFor(() => clock.pending > 0, 5000, 'the next retry to be scheduled');
    noteAttempts();
  }

  expect(supervisor.status).toMatchObject({ status: 'auth-failed', detail: expect.stringContaining('ROOMCTL_E_DEVICE_AUTH') });
  expect(attempts.filter((t) => t < 60_000).length).toBeLessThanOrEqual(5);
  const later = attempts.filter((t) => t >= 60_000);
  expect(later.length).toBeGreaterThan(0);
  const gaps = attempts
    .slice(1)
    .map((t, i) => t - attempts[i]!)
    .filter((_, i) => attempts[i + 1]! >= 60_000);
  expect(Math.min(...gaps)).toBeGreaterThanOrEqual(60_000);

  const refused = await supervisor.execute('power', { on: true }).catch((err: unknown) => err);
  expect(refused).toMatchObject({
    code: 'ROOMCTL_E_DEVICE_AUTH',
    message: expect.stringContaining('wrong password'),
    hint: expect.stringContaining('secrets.yaml'),
  });
});
