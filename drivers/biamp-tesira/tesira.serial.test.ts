import { afterEach, expect, it } from 'vitest';
import { createPtyPair, type PtyPair } from '../sim/pty-pair.js';
import { createTestContext } from '../testing/test-context.js';
import { TesiraDriver } from './tesira-driver.js';
import { startTesiraSimulator, type RunningTesiraSimulator } from './tesira-simulator.js';

let pair: PtyPair | undefined;
let sim: RunningTesiraSimulator | undefined;
let driver: TesiraDriver | undefined;
afterEach(async () => {
  await driver?.disconnect();
  await sim?.close();
  await pair?.close();
});

it('speaks TTP over RS-232 (a socat PTY pair): no telnet, no banner, same commands', async () => {
  pair = await createPtyPair();
  sim = await startTesiraSimulator({ serialPath: pair.simulatorPath });
  const ctx = createTestContext('dsp');
  driver = new TesiraDriver({ serialPort: pair.devicePath, muteBlock: { instanceTag: 'MicMute', channel: 1 } }, ctx);

  await driver.connect();
  await driver.execute('mute', { on: true });

  expect(sim.tesira.blocks.get('MicMute')!.mutes[0]).toBe(true);
  expect(ctx.state.aliases).toEqual(['Level1', 'Mute1', 'MicMute']);
});
