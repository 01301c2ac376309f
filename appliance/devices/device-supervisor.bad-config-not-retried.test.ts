import { expect, it } from 'vitest';
import { mdcDriver } from '../../drivers/samsung-mdc/mdc-definition.js';
import { ManualClock } from '../../drivers/testing/manual-clock.js';
import { until } from '../../tests/helpers/until.js';
import { DeviceSupervisor, type SupervisedStatus } from './device-supervisor.js';

/**
 * A Samsung display configured with neither `host` nor `serialPort`: the schema lets each
 * field be left out, the driver cannot connect without one. The device is `bad_config` with
 * the coded error, and the room does not knock on it again (no retry is scheduled) — only a
 * corrected config, which starts the room again, mends it. Time is a ManualClock.
 */
it('a device config the driver cannot use is bad_config, with its code, and is not retried', async () => {
  const clock = new ManualClock();
  const quiet = { debug() {}, info() {}, warn() {}, error() {} };
  const supervisor = new DeviceSupervisor({
    deviceId: 'display',
    log: quiet,
    clock,
    probeIntervalMs: 5000,
    createDriver: (ctx) => mdcDriver.create({ id: 'display', driver: 'samsung-mdc' }, ctx),
  });
  const statuses: SupervisedStatus['status'][] = [];
  supervisor.on('status', (s) => statuses.push(s.status));
  supervisor.start();
  await until(() => supervisor.status.status !== 'connecting', 5000, 'the first connect to end');

  expect(supervisor.status).toMatchObject({
    status: 'bad_config',
    error: { code: 'ROOMCTL_E_CONFIG_INVALID', message: expect.stringContaining('needs `host`') },
  });
  expect(clock.pending).toBe(0);
  clock.advance(60_000);
  expect(statuses).toEqual(['bad_config']);
  await expect(supervisor.execute('power', { on: true })).rejects.toMatchObject({ code: 'ROOMCTL_E_DEVICE_OFFLINE' });
  await supervisor.stop();
});
