/**
 * The room's own waits on a device, with the room's process held up past them (a loaded room PC)
 * while the display answers in time: the watchdog's probe and the self-test's checks take the
 * answer that waited in the socket; the display is neither offline nor slow, and the self-test
 * passes (a microphone's levels that came meanwhile are heard too); the room mute tells its caller
 * the DSP took the mute. (Node runs due timers before it reads its sockets: plain timers failed
 * them all.) A display that really does not answer (its thread frozen) is still offline, and
 * fails its checks; a frozen DSP is still pending when the caller hears back. A hold-up shorter
 * than the probe's timeout is not counted as the display's slowness either; a display really
 * slow to answer is still `degraded`.
 *
 * The display (the PJLink simulator) runs in a worker thread, so it answers while the room's
 * thread is busy. Its driver's own reply timeout is far out of reach: only the room's waits judge.
 */
import { afterAll, afterEach, expect, it } from 'vitest';
import { DeviceHost } from '../../appliance/devices/device-host.js';
import { DeviceSupervisor, type SupervisedStatus } from '../../appliance/devices/device-supervisor.js';
import { runSelfTest } from '../../appliance/meetings/self-test.js';
import { RoomMute } from '../../appliance/room/room-mute.js';
import { tesiraDriver } from '../../drivers/biamp-tesira/tesira-definition.js';
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

it('a hold-up shorter than the probe timeout is not slowness: a display answering at once stays ok; a DSP answering in 0.3 s is degraded', async () => {
  const SLOW_MS = 150;
  const watch = (createDriver: ConstructorParameters<typeof DeviceSupervisor>[0]['createDriver']) => {
    const supervisor = new DeviceSupervisor({ deviceId: 'device', log: quiet, probeIntervalMs: 100, slowReplyMs: SLOW_MS, createDriver });
    const statuses: string[] = [];
    supervisor.on('status', (s) => statuses.push(s.status === 'degraded' ? `degraded: ${s.detail}` : s.status));
    let probes = 0;
    supervisor.on('reply', (r) => void (r.kind === 'probe' && r.ok && probes++));
    supervisor.start();
    return { supervisor, statuses, probes: () => probes };
  };
  const display = await startDisplay();
  const dsp = await devices.start(new URL('../../drivers/biamp-tesira/tesira-simulator.ts', import.meta.url), 'startTesiraSimulator', {
    host: '127.0.0.1',
    port: 0,
    quirks: ['slow-replies'],
    replyDelayMs: 2 * SLOW_MS,
  });
  const atOnce = watch((ctx) => pjlinkDriver.create(displayConfig(display.port), ctx));
  const slowly = watch((ctx) => tesiraDriver.create({ id: 'dsp', driver: 'biamp-tesira', host: '127.0.0.1', port: dsp.port }, ctx));
  stop = () => Promise.all([atOnce.supervisor.stop(), slowly.supervisor.stop()]).then(() => undefined);

  // Held up 450 ms (well within the probe's 3 s) right after its first probe's question: the only time it has been measured by.
  await until(() => atOnce.supervisor.status.status === 'ok', 10_000, 'the display ok');
  await holdUpTheRoom(display.port, 'write', 3 * SLOW_MS);
  await until(() => atOnce.probes() >= 1, 10_000, 'the held-up probe answered');
  expect(atOnce.statuses).toEqual(['ok']);
  // (A probe of the DSP the hold-up fell in is measured less the hold-up: the next one tells.)
  await until(() => slowly.statuses.length > 1, 10_000, 'the DSP measured');
  // 0.3 s, or a little more on a loaded machine (the DSP's thread is scheduled late too).
  expect(slowly.statuses).toEqual(['ok', expect.stringMatching(/^degraded: answers in 0\.[3-9] s$/)]);
});

it('the room mute takes a DSP answer that came while the room was held up: the caller hears it took the mute; a frozen DSP is still pending', async () => {
  const dsp = await devices.start(new URL('../../drivers/biamp-tesira/tesira-simulator.ts', import.meta.url), 'startTesiraSimulator', {
    host: '127.0.0.1',
    port: 0,
  });
  const host = new DeviceHost({
    drivers: [tesiraDriver],
    devices: [{ id: 'dsp', driver: 'biamp-tesira', host: '127.0.0.1', port: dsp.port, muteBlock: { instanceTag: 'MicMute', channel: 1 } }],
    log: quiet,
    probeIntervalMs: 60_000,
  });
  const mute = new RoomMute(host, quiet, undefined, WAIT_MS);
  stop = async () => {
    mute.stop();
    await host.stop();
  };
  host.start();
  await until(() => host.list()[0]?.status === 'ok', 10_000, 'dsp ok');
  mute.start();
  await until(() => mute.view().devices[0]?.reported === false, 10_000, 'the DSP brought in line with the unmuted room');

  const heldUp = holdUpTheRoom(dsp.port, 'write', 2 * WAIT_MS, /set mute 1 true/);
  const muted = await mute.set(true);
  await heldUp;
  expect(muted.devices).toEqual([{ id: 'dsp', reported: true, agrees: true, pending: false }]);

  const frozen = await devices.freeze();
  const unanswered = await mute.set(false);
  frozen.thaw();
  expect(unanswered.devices).toEqual([{ id: 'dsp', reported: true, agrees: false, pending: true }]);
});
