import { afterEach, expect, it } from 'vitest';
import { DeviceSupervisor, type SupervisedStatus } from '../../appliance/devices/device-supervisor.js';
import { pjlinkDriver } from '../../drivers/pjlink/pjlink-definition.js';
import { startPjlinkSimulator } from '../../drivers/pjlink/pjlink-simulator.js';
import { ManualClock } from '../../drivers/testing/manual-clock.js';
import { startSilenceableProxy } from '../bench/silenceable-proxy.js';
import { until } from '../helpers/until.js';

/**
 * A display in standby is asked to mute (as the room mute does on every reconnect): it answers
 * ERR3 and the driver holds the command, waiting and asking POWR again. The display goes
 * silent then (the relay stops forwarding, the socket stays open). A held command is waiting,
 * not talking, so the watchdog's clock keeps running: the next probe, unanswered for the
 * probe's timeout, takes the display offline — not the held recheck, whose reply timeout is
 * set far out of reach here. The watchdog's time is a ManualClock; the display is real.
 */
let cleanup: Array<() => Promise<unknown>> = [];
afterEach(async () => {
  for (const c of cleanup.reverse()) await c();
  cleanup = [];
});

const PROBE_INTERVAL_MS = 2000;
const PROBE_TIMEOUT_MS = 500;

it('a display that goes silent while a command is held is taken offline by the next probe, within its timeout', async () => {
  const sim = await startPjlinkSimulator({ host: '127.0.0.1', port: 0, warmupMs: 10 });
  cleanup.push(() => sim.close());
  const proxy = await startSilenceableProxy({ host: '127.0.0.1', port: sim.endpoint.port });
  cleanup.push(() => proxy.close());
  let held = false;
  const log = { debug: (_o: unknown, msg?: string) => void (held ||= msg?.includes('holding the command') === true), info() {}, warn() {}, error() {} };
  const clock = new ManualClock();
  // The held recheck would wait 30 s for its reply: only the probe can tell the silence in time.
  const config = { id: 'display', driver: 'pjlink', host: '127.0.0.1', port: proxy.port, notifyPort: 0, replyTimeoutMs: 30_000 };
  const supervisor = new DeviceSupervisor({
    deviceId: 'display',
    log,
    clock,
    probeIntervalMs: PROBE_INTERVAL_MS,
    probeTimeoutMs: PROBE_TIMEOUT_MS,
    createDriver: (ctx) => pjlinkDriver.create(config, ctx),
  });
  cleanup.push(() => supervisor.stop());
  const statuses: SupervisedStatus[] = [];
  supervisor.on('status', (s) => statuses.push(s));
  supervisor.start();
  await until(() => supervisor.status.status === 'ok', 10_000, 'display ok');

  // Standby: the display answers the mute with ERR3, and the driver holds the command.
  const mute = supervisor.execute('mute', { on: true }).then(
    () => 'done',
    (err: { code?: string }) => err.code,
  );
  await until(() => held, 10_000, 'the mute held (ERR3)');
  proxy.silence();

  // The next probe goes out and is not answered; its timeout passes with the mute still held.
  clock.advance(PROBE_INTERVAL_MS);
  clock.advance(PROBE_TIMEOUT_MS);
  await until(() => supervisor.status.status === 'offline', 5000, 'the silent display offline');

  expect(statuses.at(-1)?.error).toEqual({
    code: 'ROOMCTL_E_DEVICE_TIMEOUT',
    message: `no answer to the watchdog probe within ${PROBE_TIMEOUT_MS} ms`,
  });
  // The held mute ends with the link it waited on; it is not left hanging for its recheck.
  expect(await mute).toMatch(/^ROOMCTL_E_/);
}, 30_000);
