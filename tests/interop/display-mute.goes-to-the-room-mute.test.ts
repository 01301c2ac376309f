import { afterEach, expect, it } from 'vitest';
import { RoomMute } from '../../appliance/room/room-mute.js';
import type { DriverLogger } from '../../drivers/core/definition.js';
import { startPjlinkSimulator } from '../../drivers/pjlink/pjlink-simulator.js';
import { startShureMxaSimulator } from '../../drivers/shure-mxa/shure-mxa-simulator.js';
import { waitFor } from '../helpers/test-room.js';
import { hostDevices } from '../helpers/hosted-devices.js';

/**
 * A display follows the room mute. Before, `POST …/devices/display/actions/mute {on: true}`
 * answered 200 and the room mute undid it at once (the display "disagreed" and was
 * corrected). Now a display's own `mute` is taken as the room's: the room, its microphone
 * and the display all end up muted, and stay so.
 */
const quiet = { debug() {}, info() {}, warn() {}, error() {} };
const cleanup: Array<() => Promise<void> | void> = [];
afterEach(async () => {
  for (const c of cleanup.splice(0).reverse()) await c();
});

/** A PJLink display (in standby, as it starts) and a Shure array, hosted and following one room mute, both connected. */
async function displayAndMicFollowingTheRoom(log: DriverLogger) {
  const display = await startPjlinkSimulator({ port: 0, warmupMs: 50 });
  cleanup.push(() => display.close());
  const mic = await startShureMxaSimulator({ port: 0 });
  cleanup.push(() => mic.close());
  const room = hostDevices([
    { id: 'display', driver: 'pjlink', ...display.endpoint, notifyPort: 0 },
    { id: 'mic', driver: 'shure-mxa', ...mic.endpoint },
  ]);
  cleanup.push(room.stop);
  const roomMute = new RoomMute(room.host, log);
  roomMute.start();
  cleanup.push(() => roomMute.stop());
  await waitFor(() => room.host.list().every((d) => d.status === 'ok'), 10_000, 'both devices to connect');
  return { display, mic, room, roomMute };
}

it("a display's mute goes to the room mute: the microphone follows and the display stays muted", async () => {
  const { display, mic, room, roomMute } = await displayAndMicFollowingTheRoom(quiet);
  await room.host.execute('display', 'power', { on: true });
  await waitFor(() => display.display.power === 'on', 3000, 'the display to warm up');

  const result = await room.host.execute('display', 'mute', { on: true });

  expect(result).toMatchObject({ mute: true, routedTo: 'room-mute' });
  expect(roomMute.muted).toBe(true);
  await waitFor(() => mic.array.deviceMute && display.display.audioMuted, 3000, 'the microphone and the display to be muted');
  // Nothing undoes it: the display agrees with the room, so no correction is sent.
  await new Promise((resolve) => setTimeout(resolve, 300));
  expect(display.display.audioMuted).toBe(true);
  const avmt = display.display.received.filter((l) => l.startsWith('%1AVMT 2'));
  expect(avmt.slice(avmt.indexOf('%1AVMT 21'))).toEqual(['%1AVMT 21']);
});

it('a display in standby is left out of the room mute, and follows it once turned on, with no warning', async () => {
  const warnings: string[] = [];
  const { display, mic, room, roomMute } = await displayAndMicFollowingTheRoom({
    ...quiet,
    warn: (_fields: unknown, message?: string) => warnings.push(message ?? ''),
  });
  expect(display.display.power).toBe('standby');

  const view = await roomMute.set(true);

  // The display is not asked (a projector in standby answers ERR3) and is not left pending.
  expect(view.devices.find((d) => d.id === 'display')).toMatchObject({ pending: false });
  await waitFor(() => mic.array.deviceMute, 3000, 'the microphone to be muted');
  const avmtSet = () => display.display.received.filter((l) => /^%1AVMT [0-9]/.test(l));
  expect(avmtSet()).toEqual([]);

  await room.host.execute('display', 'power', { on: true });
  await waitFor(() => display.display.audioMuted, 5000, 'the display to follow the room mute once on');
  // Sent once it was turned on (while it warms up the driver holds it, and may send it again after an ERR3).
  expect(avmtSet().every((l) => l === '%1AVMT 21')).toBe(true);
  expect(warnings).toEqual([]);
});
