/**
 * The room's own waits on a device, with the room's process held up past them (a loaded room PC)
 * while the display answers in time: the watchdog's probe and the self-test's checks take the
 * answer that waited in the socket; the display is neither offline nor slow, and the self-test
 * passes (a microphone's levels that came meanwhile are heard too). (Node runs due timers before it reads its sockets: plain timers failed both.) A
 * display that really does not answer (its thread frozen) is still offline, and fails its checks.
 *
 * The display (the PJLink simulator) runs in a worker thread, so it answers while the room's
 * thread is busy. Its driver's own reply timeout is far out of reach: only the room's waits judge.
 */
import { afterAll, afterEach, expect, it } from 'vitest';
import { DeviceHost } from '../../appliance/devices/device-host.js';
import { DeviceSupervisor, type SupervisedStatus } from '../../appliance/devices/device-supervisor.js';
import { runSelfTest } from '../../appliance/meetings/self-test.js';
import { pjlinkDriver } from '../../drivers/pjlink/pjlink-definition.js';
import { shureMxaDriver } from '../../drivers/shure-mxa/shure-mxa-definition.js';
import { holdUpTheRoom, startDeviceWorker } from '../../drivers/testing/room-held-up.js';
import { until } from '../helpers/until.js';

const HELD_UP_MS = 1200;
const WAIT_MS = 300;

const devices = startDeviceWorker();
afterAll(() => devices.close());
const startDisplay = () =>
  devices.start(new URL('../../drivers/pjlink/pjlink-simulator.ts', import.meta.url), 'startPjlinkSimulator', { host: '127.0.0.1', port: 0, warmupMs: 10 });
const displayConfig = (port: number) => ({ id: 'display', driver: 'pjlink', host: '127.0.0.1', port, notifyPort: 0, replyTimeoutMs: 30_000 });
const quiet = { debug() {}, info() {}, warn() {}, error() {}, child: () => quiet };

let stop: (() => Promise<void>) | undefined;
afterEach(async () => {
  await stop?.();
  stop = undefined;
});

it('the watchdog takes a probe answered while the room was held up: the display stays ok; a frozen display goes offline', async () => {
  const display = await startDisplay();
  const supervisor = new DeviceSupervisor({
    deviceId: 'display',
    log: quiet,
    probeIntervalMs: 100,
    probeTimeoutMs: WAIT_MS,
    createDriver: (ctx) => pjlinkDriver.create(displayConfig(display.port), ctx),
  });
  stop = () => supervisor.stop();
  const statuses: SupervisedStatus[] = [];
  supervisor.on('status', (s) => statuses.push(s));
  let probes = 0;
  supervisor.on('reply', (r) => void (r.kind === 'probe' && r.ok && probes++));
  supervisor.start();
  await until(() => supervisor.status.status === 'ok', 10_000, 'display ok');

  // The next probe's question goes out, and the room is held up before it reads the answer.
  await holdUpTheRoom(display.port, 'write', HELD_UP_MS);
  const answered = probes;
  await until(() => probes >= answered + 2, 10_000, 'that probe and the next answered');
  // Not offline, and not slow either: the time the room was held up is not the display's.
  expect(statuses.map((s) => s.status)).toEqual(['ok']);

  const frozen = await devices.freeze();
  await until(() => supervisor.status.status === 'offline', 10_000, 'the frozen display offline');
  frozen.thaw();
  expect(supervisor.status.error).toEqual({ code: 'ROOMCTL_E_DEVICE_TIMEOUT', message: `no answer to the watchdog probe within ${WAIT_MS} ms` });
});

it('the self-test takes answers that came while the room was held up and passes; a frozen display fails its checks after the wait', async () => {
  const display = await startDisplay();
  const host = new DeviceHost({ drivers: [pjlinkDriver], devices: [displayConfig(display.port)], log: quiet, probeIntervalMs: 60_000 });
  stop = () => host.stop();
  host.start();
  await until(() => host.list()[0]?.status === 'ok', 10_000, 'display ok');

  const heldUp = holdUpTheRoom(display.port, 'write', HELD_UP_MS);
  const report = await runSelfTest(host, null, new Date(), WAIT_MS);
  await heldUp;
  expect(report.results.map((r) => [r.check, r.ok])).toEqual([
    ['reachable', true],
    ['answers', true],
    ['display-power', true],
  ]);

  const frozen = await devices.freeze();
  const silent = await runSelfTest(host, null, new Date(), WAIT_MS);
  frozen.thaw();
  expect(silent.results.find((r) => r.check === 'answers')).toMatchObject({ ok: false, code: 'ROOMCTL_E_DEVICE_TIMEOUT', waitedMs: WAIT_MS });
});

it("the self-test hears a microphone's levels that came while the room was held up", async () => {
  const mic = await devices.start(new URL('../../drivers/shure-mxa/shure-mxa-simulator.ts', import.meta.url), 'startShureMxaSimulator', {
    host: '127.0.0.1',
    port: 0,
  });
  const host = new DeviceHost({
    drivers: [shureMxaDriver],
    devices: [{ id: 'mic', driver: 'shure-mxa', host: '127.0.0.1', port: mic.port }],
    log: quiet,
    probeIntervalMs: 60_000,
  });
  stop = () => host.stop();
  host.start();
  await until(() => host.list()[0]?.status === 'ok', 10_000, 'mic ok');

  // Held up as the array confirms it meters: its first levels wait in the socket.
  const heldUp = holdUpTheRoom(mic.port, 'data', HELD_UP_MS, /REP METER_RATE 00100/);
  const report = await runSelfTest(host, null, new Date(), WAIT_MS);
  await heldUp;
  expect(report.results.find((r) => r.check === 'mic-level')).toMatchObject({ ok: true, ran: true });
});
