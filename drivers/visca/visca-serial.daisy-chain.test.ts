import { afterEach, expect, it } from 'vitest';
import { createPtyPair, type PtyPair } from '../sim/pty-pair.js';
import { hex } from '../testing/hex.js';
import { createTestContext, waitFor } from '../testing/test-context.js';
import { ViscaSerialDriver } from './visca-serial-driver.js';
import { startViscaSerialSimulator, type RunningViscaSerialSimulator } from './visca-serial-simulator.js';

let pair: PtyPair | undefined;
let sim: RunningViscaSerialSimulator | undefined;
const drivers: ViscaSerialDriver[] = [];
afterEach(async () => {
  for (const d of drivers.splice(0)) await d.disconnect();
  await sim?.close();
  await pair?.close();
});

/** Three device entries, one port: what `{ port: /dev/ttyUSB0, address: 1|2|3 }` in the config becomes. */
async function chainOfThree(baudRate: 9600 | 38400) {
  pair = await createPtyPair();
  sim = await startViscaSerialSimulator({ path: pair.simulatorPath, cameras: 3, baudRate });
  const contexts = [1, 2, 3].map((address) => createTestContext(`cam-${address}`));
  for (const [i, ctx] of contexts.entries()) drivers.push(new ViscaSerialDriver({ port: pair.devicePath, baudRate, address: i + 1 }, ctx));
  await Promise.all(drivers.map((d) => d.connect()));
  return contexts;
}

it('three cameras share one port at 38400 baud: the chain is numbered once, each camera hears only its own commands', async () => {
  const contexts = await chainOfThree(38400);

  expect(sim!.received.map(hex).filter((f) => f === '88 30 01 FF')).toHaveLength(1);
  expect(contexts.map((c) => c.state)).toEqual([1, 2, 3].map((address) => expect.objectContaining({ power: 'on', address, cameras: 3 })));

  await Promise.all([
    drivers[0]!.execute('position.absolute', { pan: 100, tilt: 0 }),
    drivers[1]!.execute('position.absolute', { pan: -200, tilt: 50 }),
    drivers[2]!.execute('power', { on: false }),
  ]);
  expect(sim!.cameras.map((c) => [c.reported.pan, c.reported.tilt, c.power])).toEqual([
    [100, 0, 'on'],
    [-200, 50, 'on'],
    [0, 0, 'standby'],
  ]);
  expect(sim!.cameras[1]!.received.map(hex)).toContain('82 01 06 02 18 14 0F 0F 03 08 00 00 03 02 FF');
});

it('one camera leaving the chain does not close the port for the others', async () => {
  await chainOfThree(9600);
  await drivers[0]!.disconnect();

  await drivers[2]!.execute('home', {});
  await drivers[1]!.probe();
  expect(sim!.cameras[2]!.received.map(hex)).toContain('83 01 06 04 FF');
});

it('pulling the adapter takes every camera of the chain offline; each comes back on its own', async () => {
  const contexts = await chainOfThree(9600);

  await pair!.unplug();
  await waitFor(() => contexts.every((c) => c.lost.length === 1), 2000, 'all three to lose their link');
  await pair!.replug();
  await waitFor(() => sim!.isOpen, 2000, 'the chain to see its cable again');

  await Promise.all(drivers.map((d) => d.connect()));
  await Promise.all(drivers.map((d) => d.probe()));
  expect(sim!.received.map(hex).filter((f) => f === '88 30 01 FF')).toHaveLength(2);
});

it('refuses two baud rates or two devices at one address on the same port', async () => {
  await chainOfThree(9600);
  const fast = new ViscaSerialDriver({ port: pair!.devicePath, baudRate: 38400, address: 1 }, createTestContext());
  await expect(fast.connect()).rejects.toMatchObject({ code: 'ROOMCTL_E_CONFIG_INVALID', details: { allowed: '9600' } });
  const twin = new ViscaSerialDriver({ port: pair!.devicePath, baudRate: 9600, address: 2 }, createTestContext());
  await expect(twin.connect()).rejects.toMatchObject({ code: 'ROOMCTL_E_CONFIG_INVALID', details: { address: 2 } });
  // The refusals took nothing away from the cameras that were there first.
  await drivers[1]!.probe();
});
