/**
 * Every wait a driver has for its device, with the room's own process held up past it (a loaded
 * room PC, a long garbage collection) while the device answers in time: the answer waits in the
 * socket, and the room takes it when it runs again instead of calling the device silent. (Node
 * runs due timers before it reads its sockets: a plain timer failed each of these.) A device that
 * really does not answer (its own thread frozen) still times out. A search's window likewise
 * counts the answers that came before its end though the room read them after it, and none that
 * came after it closed.
 *
 * The devices run in a worker thread, so they answer while the room's thread is busy, as a real
 * device on the network does.
 */
import { once } from 'node:events';
import { readFileSync } from 'node:fs';
import { connect, type Socket } from 'node:net';
import { afterAll, afterEach, expect, it } from 'vitest';
import { TesiraDriver } from '../biamp-tesira/tesira-driver.js';
import { discoverOnvifCameras } from '../onvif/onvif-discovery.js';
import { OnvifDriver } from '../onvif/onvif-driver.js';
import { pjlinkDriver } from '../pjlink/pjlink-definition.js';
import { searchPjlinkDisplays } from '../pjlink/pjlink-search.js';
import { QsysDriver } from '../qsys-qrc/qsys-driver.js';
import { holdUpTheRoom, startDeviceWorker } from '../testing/room-held-up.js';
import { createTestContext } from '../testing/test-context.js';
import { RequestQueue } from '../transports/request-queue.js';
import { TcpTransport } from '../transports/tcp-transport.js';
import { ViscaIpDriver } from '../visca/visca-ip-driver.js';
import type { DeviceDriver } from './definition.js';

/** The room is held up this long, well past every wait below. */
const HELD_UP_MS = 800;
const WAIT_MS = 300;
/** A search's window for answers, and a hold-up of the room past its end. */
const WINDOW_MS = 100;
const WINDOW_HELD_UP_MS = 300;

const devices = startDeviceWorker();
afterAll(() => devices.close());
const simulator = (path: string) => new URL(`../${path}`, import.meta.url);
const testDevice = new URL('../testing/held-up-devices.ts', import.meta.url);

let driver: DeviceDriver | undefined;
let socket: Socket | undefined;
afterEach(async () => {
  await driver?.disconnect();
  driver = undefined;
  socket?.destroy();
});

it('a TCP connection made while the room was held up is taken; a device off the network still times out', async () => {
  const device = await devices.start(testDevice, 'startSilentListener');
  const transport = () => new TcpTransport({ host: '127.0.0.1', port: device.port, connectTimeoutMs: WAIT_MS });
  const link = transport();
  const heldUp = holdUpTheRoom(device.port, 'connecting', HELD_UP_MS);
  const opened = link.open();
  await heldUp;
  await expect(opened).resolves.toBeUndefined();
  await link.close();

  // Frozen, the listener takes no connection: two fill its queue, the next is not answered.
  const frozen = await devices.freeze();
  const queued = [connect(device.port, '127.0.0.1'), connect(device.port, '127.0.0.1')];
  try {
    await Promise.all(queued.map((q) => once(q, 'connect')));
    await expect(transport().open()).rejects.toMatchObject({
      code: 'ROOMCTL_E_CONNECT_FAILED',
      message: expect.stringContaining(`no answer within ${WAIT_MS} ms`),
    });
  } finally {
    for (const q of queued) q.destroy();
    frozen.thaw();
  }
});

it('the request queue of the line-protocol drivers takes an answer that came while the room was held up', async () => {
  const device = await devices.start(testDevice, 'startPongDevice');
  socket = connect(device.port, '127.0.0.1');
  await once(socket, 'connect');
  const queue = new RequestQueue<string>(WAIT_MS, () => 'the test device');
  socket.on('data', (chunk) =>
    String(chunk)
      .split('\n')
      .filter(Boolean)
      .forEach((line) => queue.offer(line)),
  );
  const ask = (line: string) =>
    queue.request(
      async () => void socket!.write(`${line}\n`),
      (m) => (m === 'PONG' ? { done: true } : false),
      line,
    );

  const heldUp = holdUpTheRoom(device.port, 'write', HELD_UP_MS);
  const answered = ask('PING');
  await heldUp;
  await expect(answered).resolves.toBe('PONG');
  // This device answers nothing else.
  await expect(ask('HELLO')).rejects.toMatchObject({ code: 'ROOMCTL_E_DEVICE_TIMEOUT' });
});

it('VISCA over IP takes the ACK and completion of "power on" that came while the room was held up, on the same link', async () => {
  const camera = await devices.start(testDevice, 'startRawViscaCamera');
  const ctx = createTestContext();
  const visca = new ViscaIpDriver({ host: '127.0.0.1', port: camera.port, protocol: 'tcp' }, ctx, { ackTimeoutMs: WAIT_MS });
  driver = visca;
  await visca.connect();

  const heldUp = holdUpTheRoom(camera.port, 'write', HELD_UP_MS);
  const powerOn = visca.execute('power', { on: true });
  await heldUp;
  await expect(powerOn).resolves.toBeUndefined();

  expect(ctx.lost).toEqual([]);
  // The link is the same one (no new connection's PowerInq before it), and the watchdog's PowerInq is answered on it.
  await expect(visca.probe()).resolves.toBeUndefined();
  await expect.poll(() => camera.told).toEqual(['81 09 04 00 FF', '81 01 04 00 02 FF', '81 09 04 00 FF']);
  // This camera never answers a position inquiry: each is told unsupported after its wait.
  await expect(visca.execute('inquire', {})).resolves.toMatchObject({ power: 'on', unsupported: ['ZoomPosInq', 'FocusPosInq', 'PanTiltPosInq'] });
});

it('VISCA over UDP sends a RESET or a command answered while the room was held up only once', async () => {
  const camera = await devices.start(testDevice, 'startViscaUdpCamera');
  const RESEND_MS = 100;
  const visca = new ViscaIpDriver({ host: '127.0.0.1', port: camera.port }, createTestContext(), { retransmitMs: RESEND_MS });
  driver = visca;

  const resetHeldUp = holdUpTheRoom(camera.port, 'send', 4 * RESEND_MS, /^02 00/);
  const connected = visca.connect();
  await resetHeldUp;
  await expect(connected).resolves.toBeUndefined();
  // From a turn of the event loop of its own: sent while the room reads the PowerInq's reply, a
  // reply that came during the hold-up would be read in the same reading, before any timer.
  await new Promise((next) => setImmediate(next));
  const homeHeldUp = holdUpTheRoom(camera.port, 'send', 4 * RESEND_MS, /^01 00/);
  const home = visca.execute('home', {});
  await homeHeldUp;
  await expect(home).resolves.toBeUndefined();

  // The watchdog's PowerInq last: once the camera has heard it, it has heard everything before it.
  await expect(visca.probe()).resolves.toBeUndefined();
  await expect.poll(() => camera.told.at(-1)).toBe('inquiry #3: 81 09 04 00 FF');
  const heard = (datagram: string) => camera.told.filter((told) => told === datagram);
  expect(heard('control #0: 01')).toHaveLength(1);
  expect(heard('command #2: 81 01 06 04 FF')).toHaveLength(1);
});

it('PJLink takes a greeting and a reply that came while the room was held up; a frozen display times out on both', async () => {
  const display = await devices.start(simulator('pjlink/pjlink-simulator.ts'), 'startPjlinkSimulator', { host: '127.0.0.1', port: 0, warmupMs: 10 });
  const ctx = createTestContext();
  driver = pjlinkDriver.create({ id: 'display', driver: 'pjlink', host: '127.0.0.1', port: display.port, notifyPort: 0, replyTimeoutMs: WAIT_MS }, ctx);

  const greetingHeldUp = holdUpTheRoom(display.port, 'connect', HELD_UP_MS);
  const connected = driver.connect();
  await greetingHeldUp;
  await expect(connected).resolves.toBeUndefined();
  const replyHeldUp = holdUpTheRoom(display.port, 'write', HELD_UP_MS);
  const probed = driver.probe!();
  await replyHeldUp;
  await expect(probed).resolves.toBeUndefined();
  expect(ctx.lost).toEqual([]);

  const frozen = await devices.freeze();
  await expect(driver.probe!()).rejects.toMatchObject({ code: 'ROOMCTL_E_DEVICE_TIMEOUT', message: expect.stringContaining(`within ${WAIT_MS} ms`) });
  // The timeout closed the session; the next question opens one, and waits for a greeting that does not come.
  await expect(driver.probe!()).rejects.toMatchObject({ code: 'ROOMCTL_E_DEVICE_TIMEOUT', message: expect.stringContaining('no PJLink greeting') });
  frozen.thaw();
});

it('Q-SYS takes an EngineStatus and a reply that came while the room was held up; a frozen Core times out on both', async () => {
  const core = await devices.start(simulator('qsys-qrc/qsys-simulator.ts'), 'startQsysSimulator', { host: '127.0.0.1', port: 0 });
  const options = { host: '127.0.0.1', port: core.port, connectTimeoutMs: WAIT_MS, replyTimeoutMs: WAIT_MS };
  driver = new QsysDriver(options, createTestContext());

  const engineHeldUp = holdUpTheRoom(core.port, 'connect', HELD_UP_MS);
  const connected = driver.connect();
  await engineHeldUp;
  await expect(connected).resolves.toBeUndefined();
  const replyHeldUp = holdUpTheRoom(core.port, 'write', HELD_UP_MS);
  const probed = driver.probe!();
  await replyHeldUp;
  await expect(probed).resolves.toBeUndefined();

  const frozen = await devices.freeze();
  await expect(driver.probe!()).rejects.toMatchObject({ code: 'ROOMCTL_E_DEVICE_TIMEOUT', message: expect.stringContaining('StatusGet') });
  await driver.disconnect();
  driver = new QsysDriver(options, createTestContext());
  await expect(driver.connect()).rejects.toMatchObject({ code: 'ROOMCTL_E_PROTOCOL', message: expect.stringContaining('sent no EngineStatus') });
  frozen.thaw();
});

it('ONVIF takes a GetStatus answer and a snapshot that came while the room was held up; a frozen camera times out on both', async () => {
  const camera = await devices.start(simulator('onvif/onvif-camera-simulator.ts'), 'startOnvifSimulator');
  const ctx = createTestContext();
  // Questions get a longer wait than the others here: a connect asks about ten of them.
  const onvif = new OnvifDriver({ host: '127.0.0.1', port: camera.port, timeoutMs: 2 * WAIT_MS }, ctx);
  driver = onvif;
  await onvif.connect();

  const heldUp = holdUpTheRoom(camera.port, 'write', HELD_UP_MS);
  const probed = onvif.probe();
  await heldUp;
  await expect(probed).resolves.toBeUndefined();
  expect(ctx.lost).toEqual([]);
  // The snapshot's GET (after GetSnapshotUri) too.
  const stillHeldUp = holdUpTheRoom(camera.port, 'write', HELD_UP_MS, /^GET /);
  const still = onvif.execute('snapshot', {});
  await stillHeldUp;
  await expect(still).resolves.toMatchObject({ contentType: 'image/jpeg' });

  const frozen = await devices.freeze();
  await expect(onvif.probe()).rejects.toMatchObject({ code: 'ROOMCTL_E_DEVICE_TIMEOUT', details: { operation: 'GetStatus', timeoutMs: 2 * WAIT_MS } });
  await expect(onvif.execute('snapshot', {})).rejects.toMatchObject({ code: 'ROOMCTL_E_DEVICE_TIMEOUT', message: expect.stringContaining('ONVIF snapshot') });
  frozen.thaw();
});

it('Tesira takes a banner that came while the room was held up; a frozen DSP sends none in time', async () => {
  const dsp = await devices.start(simulator('biamp-tesira/tesira-simulator.ts'), 'startTesiraSimulator', { host: '127.0.0.1', port: 0 });
  const tesira = () => new TesiraDriver({ host: '127.0.0.1', port: dsp.port, connectTimeoutMs: WAIT_MS, replyTimeoutMs: WAIT_MS }, createTestContext());

  driver = tesira();
  const heldUp = holdUpTheRoom(dsp.port, 'connect', HELD_UP_MS);
  const connected = driver.connect();
  await heldUp;
  await expect(connected).resolves.toBeUndefined();
  await driver.disconnect();

  const frozen = await devices.freeze();
  driver = tesira();
  await expect(driver.connect()).rejects.toMatchObject({ code: 'ROOMCTL_E_PROTOCOL', message: expect.stringContaining('no TTP banner') });
  frozen.thaw();
});

it('the PJLink search counts a display that answered while the room was held up past its window; a frozen display is not counted', async () => {
  const display = await devices.start(simulator('pjlink/pjlink-simulator.ts'), 'startPjlinkSimulator', { host: '127.0.0.1', port: 0, udpPort: 0 });
  const search = () =>
    searchPjlinkDisplays({ searchAddresses: ['127.0.0.1'], searchPort: display.searchPort, replyPort: 0, tcpPort: display.port, timeoutMs: WINDOW_MS });

  const heldUp = holdUpTheRoom(display.searchPort!, 'send', WINDOW_HELD_UP_MS);
  const found = search();
  await heldUp;
  await expect(found).resolves.toEqual([{ host: '127.0.0.1', port: display.port, settings: { mac: expect.stringMatching(/^[0-9a-f:]{17}$/) } }]);

  const frozen = await devices.freeze();
  await expect(search()).resolves.toEqual([]);
  frozen.thaw();
});

it('WS-Discovery counts 40 cameras that answered while the room was held up past its window; answers after the window are not counted', async () => {
  const crowd = await devices.start(testDevice, 'startCameraCrowd', { cameras: 40 });
  const search = () => discoverOnvifCameras(WINDOW_MS, { multicast: false, unicast: [{ address: '127.0.0.1', port: crowd.searchPort! }] });

  const heldUp = holdUpTheRoom(crowd.searchPort!, 'send', WINDOW_HELD_UP_MS);
  const found = search();
  await heldUp;
  // More than Node reads of a socket in one turn: the window closes once a turn reads nothing more.
  expect(new Set((await found).map((camera) => camera.name))).toHaveProperty('size', 40);

  // Frozen through the window and the hold-up, the cameras answer just after the window closed.
  // This timer and the search's fall due in the same turn after the hold-up, this one second: its
  // thaw runs right after the close the search's timer set going, nothing read between them.
  const frozen = await devices.freeze();
  const lateHeldUp = holdUpTheRoom(crowd.searchPort!, 'send', WINDOW_HELD_UP_MS);
  const late = search();
  setTimeout(() => setImmediate(frozen.thaw), WINDOW_MS);
  await lateHeldUp;
  await expect(late).resolves.toEqual([]);
  await expect.poll(() => crowd.told).toEqual(['answered a probe as 40 cameras', 'answered a probe as 40 cameras']);
});

/** What the kernel lets a socket keep unread at the most: the search's larger buffer needs room above the default. */
const receiveBufferCap = Number(readFileSync('/proc/sys/net/core/rmem_max', 'utf8'));

it.runIf(receiveBufferCap >= 1024 * 1024)(
  'WS-Discovery keeps 400 cameras that answered while the room was held up (the default buffer held about 90)',
  async () => {
    const crowd = await devices.start(testDevice, 'startCameraCrowd', { cameras: 400 });
    const heldUp = holdUpTheRoom(crowd.searchPort!, 'send', WINDOW_HELD_UP_MS);
    const found = discoverOnvifCameras(WINDOW_MS, { multicast: false, unicast: [{ address: '127.0.0.1', port: crowd.searchPort! }] });
    await heldUp;
    expect(new Set((await found).map((camera) => camera.name))).toHaveProperty('size', 400);
  },
);
