import { afterEach, expect, it } from 'vitest';
import { createPtyPair, type PtyPair } from '../sim/pty-pair.js';
import { hex } from '../testing/hex.js';
import { createTestContext } from '../testing/test-context.js';
import { ViscaSerialDriver } from './visca-serial-driver.js';
import { startViscaSerialSimulator, type RunningViscaSerialSimulator } from './visca-serial-simulator.js';

let pair: PtyPair | undefined;
let sim: RunningViscaSerialSimulator | undefined;
let driver: ViscaSerialDriver | undefined;
afterEach(async () => {
  await driver?.disconnect();
  await sim?.close();
  await pair?.close();
});

it('81 09 06 12 FF answered 90 60 02 FF: inquire keeps power, zoom and focus, and says which inquiry the camera lacks', async () => {
  pair = await createPtyPair();
  sim = await startViscaSerialSimulator({ path: pair.simulatorPath, camera: { quirks: ['no-position-inquiry'] } });
  const ctx = createTestContext();
  driver = new ViscaSerialDriver({ port: pair.devicePath, baudRate: 9600 }, ctx);
  await driver.connect();
  await driver.execute('zoom.direct', { position: 0x1000 });

  const read = await driver.execute('inquire', {});

  expect(read).toEqual({ power: 'on', zoom: 0x1000, focus: sim.camera.reported.focus, unsupported: ['PanTiltPosInq'] });
  expect(ctx.state).toMatchObject({ power: 'on', zoom: 0x1000 });
  expect(sim.camera.errorsSent).toEqual({ syntax: 1 });
  expect(ctx.lost).toEqual([]);

  // Not asked again on this link.
  const before = sim.received.length;
  await driver.execute('inquire', {});
  expect(sim.received.slice(before).map(hex)).not.toContain('81 09 06 12 FF');
});

it('position.relative on a camera without PanTiltPosInq: the camera moves, the action succeeds, the position is said to be unknown', async () => {
  pair = await createPtyPair();
  sim = await startViscaSerialSimulator({ path: pair.simulatorPath, camera: { quirks: ['no-position-inquiry'] } });
  const ctx = createTestContext();
  driver = new ViscaSerialDriver({ port: pair.devicePath, baudRate: 9600 }, ctx);
  await driver.connect();

  const result = await driver.execute('position.relative', { pan: 200, tilt: -100 });

  expect(result).toMatchObject({ position: null, detail: expect.stringMatching(/does not report its position/) });
  expect(sim.camera.reported).toMatchObject({ pan: 200, tilt: -100 });
  expect(ctx.state.position).toBeNull();
});
