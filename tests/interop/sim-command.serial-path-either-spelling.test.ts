import { afterEach, expect, it } from 'vitest';
import { createPtyPair, type PtyPair } from '../../drivers/sim/pty-pair.js';
import { runSimUntilStarted } from '../helpers/cli.js';

/**
 * A serial simulator's PTY end is `--port PATH` for lg-serial and visca-serial and
 * `--serialPath PATH` for samsung-mdc and biamp-tesira; each takes the other spelling too, so
 * `roomctl sim samsung-mdc --port /dev/pts/N` plays the display on that port, not on TCP.
 */
let pair: PtyPair | undefined;
afterEach(async () => {
  await pair?.close();
  pair = undefined;
});

it('samsung-mdc --port PATH and lg-serial --serialPath PATH each open the serial port given', async () => {
  pair = await createPtyPair();

  const mdc = await runSimUntilStarted(['samsung-mdc', '--port', pair.simulatorPath, '--listen', '127.0.0.1:0']);
  expect(mdc.stderr).not.toContain('roomctl sim');
  expect(mdc.started).toBe(true);
  expect(mdc.stdout).toContain(`simulating samsung-mdc at {"serialPort":"${pair.simulatorPath}"}`);

  const lg = await runSimUntilStarted(['lg-serial', '--serialPath', pair.simulatorPath]);
  expect(lg.stderr).not.toContain('roomctl sim');
  expect(lg.started).toBe(true);
  expect(lg.stdout).toContain(`simulating lg-serial at {"serialPort":"${pair.simulatorPath}"}`);
});
