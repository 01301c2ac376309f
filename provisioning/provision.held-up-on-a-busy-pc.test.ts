/**
 * Provisioning (and doctor after it) held up on a busy room PC (it installs packages at the same
 * time) while a device, the running room, the broker or the calendar server answers in time: the answer waits unread
 * on the port or in the socket, and provisioning reads it when it runs again instead of calling
 * the device silent and proposing the wrong config. (Node runs due timers before it reads: a
 * plain timer failed each of these.) A device that really does not answer (its own thread or
 * process stopped) is still reported silent.
 *
 * The devices answer while provisioning's thread is busy, as real ones do: the display, the room,
 * the broker and the calendar server run in a worker thread, the camera chain in a `roomctl sim` process of its own
 * (serialport's native binding crashes the process when two threads of it use serial ports).
 */
import type { ChildProcess } from 'node:child_process';
import { once } from 'node:events';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { createPtyPair, type PtyPair } from '../drivers/sim/pty-pair.js';
import { holdUp, holdUpTheRoom, startDeviceWorker } from '../drivers/testing/room-held-up.js';
import { SerialTransport } from '../drivers/transports/serial-transport.js';
import type { RoomConfig } from '../appliance/config/config-schema.js';
import { checkBroker } from './doctor/broker-check.js';
import { checkCalendar } from './doctor/calendar-check.js';
import { calendarFeedUrl } from './testing/calendar-server.js';
import { checkDevicesAndPanel } from './doctor/room-check.js';
import { PROVISIONING_DRIVERS } from './provisioning-drivers.js';
import { serialProbesOf, tcpProbesOf } from './probes/driver-probes.js';
import { probeHostWith } from './probes/probe-host.js';
import { spawnCli } from '../tests/helpers/cli.js';
import { probeSerialPort } from './probes/probe-serial-port.js';

/** Provisioning is held up this long, well past each question's wait. */
const HELD_UP_MS = 800;
const WAIT_MS = 300;

const devices = startDeviceWorker();
let pty: PtyPair | undefined;
let cameras: ChildProcess;
beforeAll(async () => {
  const pair = await createPtyPair();
  pty = pair;
  cameras = spawnCli(['sim', 'visca-serial', '--port', pair.simulatorPath, '--cameras', '3']);
  let said = '';
  await new Promise<void>((started, failed) => {
    cameras.stdout!.on('data', (chunk) => (said += chunk).includes('Ctrl-C to stop') && started());
    cameras.once('exit', () => failed(new Error(`the camera chain did not start: ${said}`)));
  });
}, 30_000);
afterAll(async () => {
  await devices.close();
  if (cameras && cameras.exitCode === null && cameras.signalCode === null) {
    const exited = once(cameras, 'exit');
    cameras.kill('SIGCONT');
    cameras.kill('SIGTERM');
    await exited;
  }
  await pty?.close();
});

/** Holds provisioning up right after its next question is written to a serial port (`holdUpTheRoom` watches sockets, and a serial port is none). */
function holdUpAfterSerialWrite(ms: number): Promise<void> {
  const { write } = SerialTransport.prototype;
  return new Promise((resolve) => {
    SerialTransport.prototype.write = async function (this: SerialTransport, bytes: Uint8Array) {
      SerialTransport.prototype.write = write;
      await write.call(this, bytes);
      holdUp(ms);
      resolve();
    };
  });
}

const pjlinkProbe = tcpProbesOf(PROVISIONING_DRIVERS).find((p) => p.driver === 'pjlink')!;
const startDisplay = () =>
  devices.start(new URL('../drivers/pjlink/pjlink-simulator.ts', import.meta.url), 'startPjlinkSimulator', {
    host: '127.0.0.1',
    port: 0,
    name: 'Boardroom projector',
  });

const startBroker = () => devices.start(new URL('./testing/broker-in-a-worker.ts', import.meta.url), 'startBrokerInAWorker');
/** What the broker check reads of a room config: its name on the broker, and the broker (the embedded one speaks MQTT 3.1.1). */
const roomOn = (port: number) =>
  ({ room: { id: 'aurora', site: 'hq' }, mqtt: { url: `mqtt://127.0.0.1:${port}`, protocolVersion: 4 } }) as unknown as RoomConfig;

it('a serial camera chain that answered the address set while provisioning was held up is named', async () => {
  const heldUp = holdUpAfterSerialWrite(HELD_UP_MS);
  const verdict = probeSerialPort(pty!.devicePath, { timeoutMs: WAIT_MS });
  await heldUp;
  await expect(verdict).resolves.toMatchObject({ verdict: 'match', driver: 'visca-serial', settings: { baudRate: 9600, cameras: 3 } });
});

it('a PJLink display whose greeting, or its name, came while provisioning was held up is found and named', async () => {
  const display = await startDisplay();
  const at = { host: '127.0.0.1', port: display.port, timeoutMs: WAIT_MS };

  const greetingHeldUp = holdUpTheRoom(display.port, 'connect', HELD_UP_MS);
  const greeted = probeHostWith(pjlinkProbe, at);
  await greetingHeldUp;
  await expect(greeted).resolves.toMatchObject({ verdict: 'match', driver: 'pjlink', settings: { name: 'Boardroom projector' } });

  const nameHeldUp = holdUpTheRoom(display.port, 'write', HELD_UP_MS, /NAME/);
  const named = probeHostWith(pjlinkProbe, at);
  await nameHeldUp;
  await expect(named).resolves.toMatchObject({ verdict: 'match', settings: { name: 'Boardroom projector' } });
});

it("doctor takes the broker's CONNACK, or its acknowledgement of the self-test event, that came while it was held up", async () => {
  const broker = await startBroker();

  const connectHeldUp = holdUpTheRoom(broker.port, 'write', HELD_UP_MS);
  const connected = checkBroker(roomOn(broker.port), [], WAIT_MS);
  await connectHeldUp;
  await expect(connected).resolves.toMatchObject({ status: 'ok', detail: expect.stringContaining('a self-test event on') });

  const publishHeldUp = holdUpTheRoom(broker.port, 'write', HELD_UP_MS, /selftest/);
  const published = checkBroker(roomOn(broker.port), [], WAIT_MS);
  await publishHeldUp;
  await expect(published).resolves.toMatchObject({ status: 'ok' });
});

const startCalendar = () => devices.start(new URL('./testing/calendar-server.ts', import.meta.url), 'startCalendarServerInAWorker');
/** What the calendar check reads of a room config: the feed, and the time zone its bookings are read in. */
const roomReading = (port: number) =>
  ({ room: { id: 'aurora', site: 'hq', timezone: 'UTC' }, calendar: { url: calendarFeedUrl(port) } }) as unknown as RoomConfig;

it('doctor reads the calendar feed that came while it was held up, past its own wait', async () => {
  const calendar = await startCalendar();

  const feedHeldUp = holdUpTheRoom(calendar.port, 'write', HELD_UP_MS);
  const checked = checkCalendar(roomReading(calendar.port), WAIT_MS);
  await feedHeldUp;
  await expect(checked).resolves.toMatchObject({ status: 'ok', detail: expect.stringMatching(/^fetched and read: 1 booking\(s\)/) });
});

const startRoom = () => devices.start(new URL('./testing/running-room-in-a-worker.ts', import.meta.url), 'startRunningRoomInAWorker');
const roomAt = (port: number) =>
  ({ room: { id: 'aurora', site: 'hq' }, api: { listen: `127.0.0.1:${port}`, tokens: [] }, devices: [] }) as unknown as RoomConfig;

it("doctor asks the running room whose status came while doctor was held up, and waits out a device's connecting", async () => {
  const room = await startRoom();
  // Doctor gives the room's status 1.5 s.
  const statusHeldUp = holdUpTheRoom(room.port, 'connect', 1700);
  const checked = checkDevicesAndPanel(roomAt(room.port));
  await statusHeldUp;
  await expect(checked).resolves.toMatchObject({
    mode: 'running-service',
    results: [
      { area: 'device', name: 'display (pjlink)', status: 'ok' },
      { area: 'panel', status: 'ok' },
      { area: 'panel', status: 'ok' },
    ],
  });

  // Its display still connecting when first asked, doctor held up past its wait for the devices: asked again, it answers.
  const another = await startRoom();
  const devicesHeldUp = holdUpTheRoom(another.port, 'write', HELD_UP_MS, /devices/);
  const settled = checkDevicesAndPanel(roomAt(another.port), { deviceTimeoutMs: WAIT_MS });
  await devicesHeldUp;
  await expect(settled).resolves.toMatchObject({ results: [{ area: 'device', name: 'display (pjlink)', status: 'ok' }, {}, {}] });
});

it('a device, broker or calendar server that does not answer is still reported silent, though provisioning was held up meanwhile', async () => {
  const display = await startDisplay();
  const broker = await startBroker();
  const calendar = await startCalendar();
  const frozen = await devices.freeze();
  cameras.kill('SIGSTOP');
  try {
    const hostHeldUp = holdUpTheRoom(display.port, 'connect', HELD_UP_MS);
    const host = probeHostWith(pjlinkProbe, { host: '127.0.0.1', port: display.port, timeoutMs: WAIT_MS });
    await hostHeldUp;
    await expect(host).resolves.toMatchObject({ verdict: 'silent', detail: expect.stringContaining('connected, but no') });

    const brokerHeldUp = holdUpTheRoom(broker.port, 'write', HELD_UP_MS);
    const brokerCheck = checkBroker(roomOn(broker.port), [], WAIT_MS);
    await brokerHeldUp;
    await expect(brokerCheck).resolves.toMatchObject({ status: 'fail', code: 'ROOMCTL_E_BROKER_UNREACHABLE' });

    // Doctor's own wait, not the room's 15 s for a read: the silent server is told within it.
    const feedHeldUp = holdUpTheRoom(calendar.port, 'write', HELD_UP_MS);
    const feed = checkCalendar(roomReading(calendar.port), WAIT_MS);
    await feedHeldUp;
    await expect(feed).resolves.toEqual({
      area: 'calendar',
      name: `http://127.0.0.1:${calendar.port}/…`,
      status: 'fail',
      code: 'ROOMCTL_E_CALENDAR_FEED',
      detail: `cannot read the feed: http://127.0.0.1:${calendar.port}/…: no answer within ${WAIT_MS} ms`,
    });

    const portHeldUp = holdUpAfterSerialWrite(HELD_UP_MS);
    const port = probeSerialPort(pty!.devicePath, {
      timeoutMs: WAIT_MS,
      probes: serialProbesOf(PROVISIONING_DRIVERS).filter((p) => p.driver === 'visca-serial'),
    });
    await portHeldUp;
    await expect(port).resolves.toMatchObject({ verdict: 'silent', detail: expect.stringMatching(/^answered nothing to: VISCA address set at 9600 baud/) });
  } finally {
    frozen.thaw();
    cameras.kill('SIGCONT');
  }
});
