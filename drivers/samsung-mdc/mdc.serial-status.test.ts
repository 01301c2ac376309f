import { afterEach, expect, it } from 'vitest';
import { createPtyPair, type PtyPair } from '../sim/pty-pair.js';
import { createTestContext } from '../testing/test-context.js';
import { MdcDriver } from './mdc-driver.js';
import { startMdcSimulator, type RunningMdcSimulator } from './mdc-simulator.js';

let pair: PtyPair | undefined;
let sim: RunningMdcSimulator | undefined;
let driver: MdcDriver | undefined;
afterEach(async () => {
  await driver?.disconnect();
  await sim?.close();
  await pair?.close();
});

it('over RS-232 (a socat PTY pair) connect reads the status frame: power, volume, mute, input', async () => {
  pair = await createPtyPair();
  sim = await startMdcSimulator({ serialPath: pair.simulatorPath, id: 1 });
  sim.display.volume = 35;
  const ctx = createTestContext('display');
  driver = new MdcDriver({ serialPort: pair.devicePath, displayId: 1 }, ctx);

  await driver.connect();

  expect(sim.display.received[0]).toEqual({ kind: 'command', id: 1, cmd: 0x00, data: [] });
  expect(ctx.state).toEqual({ power: 'standby', volume: 35, mute: false, input: 'hdmi1' });
});
