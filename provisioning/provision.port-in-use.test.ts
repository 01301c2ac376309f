/**
 * IT provisions again while the room runs: the service holds the serial ports it drives, and a
 * serial port is opened by one program at a time. The rerun says so once, in words IT acts on
 * (which port, that another program has it, how to probe it), keeps the camera on that port as
 * it was, and rewrites nothing.
 */
import { afterAll, beforeAll, expect, it } from 'vitest';
import { SerialTransport } from '../drivers/transports/serial-transport.js';
import { provision } from './provision.js';
import { startRoomLab, VISCA_ADAPTER, type RoomLab } from './testing/room-lab.js';

let lab: RoomLab;
const run = () => provision({ answers: lab.answers(), root: lab.root, discovery: lab.deps, doctor: false, out: () => undefined, progress: () => undefined });

beforeAll(async () => {
  lab = await startRoomLab({ viscaCameras: 1 });
  await run();
}, 60_000);
afterAll(() => lab?.close());

it('says the port is held by another program and keeps its camera, rewriting nothing', async () => {
  // The running room's hold on the camera's port.
  const room = new SerialTransport({ path: lab.ports.get(VISCA_ADAPTER)!.devicePath, baudRate: 9600 });
  await room.open();
  try {
    const rerun = await run();
    const port = `${lab.byIdDir}/${VISCA_ADAPTER}`;
    expect(rerun.notes.filter((n) => n.includes(port))).toEqual([
      `${port}: not probed: another program has the port open (the running room holds the ports it drives; run systemctl stop roomctl first to probe them: provisioning starts the room again at its end)`,
      `camera-1 (visca-serial@${port}): its port was not probed this time; kept from the existing config`,
    ]);
    expect(rerun.changes).toEqual([]);
  } finally {
    await room.close();
  }
}, 60_000);
