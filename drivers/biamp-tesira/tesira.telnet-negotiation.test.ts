import { expect, it } from 'vitest';
import { useTesira } from './test-setup.js';

const start = useTesira();

it('answers every telnet option the server opens with, then waits for the banner before speaking TTP', async () => {
  const { sim, driver, ctx } = await start();

  await driver.connect();

  // DO TTYPE, TSPEED, XDISPLOC, NEW-ENVIRON → WONT; WILL ECHO, SGA → DONT.
  expect(sim.negotiations[0]).toEqual(['WONT 24', 'WONT 32', 'WONT 35', 'WONT 39', 'DONT 1', 'DONT 3']);
  expect(sim.tesira.received[0]).toBe('SESSION get aliases');
  expect(ctx.state.aliases).toEqual(['Level1', 'Mute1', 'MicMute']);
});
