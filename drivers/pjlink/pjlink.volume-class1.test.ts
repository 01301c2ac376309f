import { expect, it } from 'vitest';
import { useScriptedDisplay } from './test-setup.js';
import { handshake } from './testing/scripted-display.js';

const start = useScriptedDisplay();

it('a class 1 display has no volume: ROOMCTL_E_NOT_SUPPORTED without a byte sent', async () => {
  const { sim: display, driver } = await start((line) => handshake(line, '1', '1') ?? '%1XXXX=ERR1');
  await driver.connect();

  await expect(driver.execute('volume', { level: 40 })).rejects.toMatchObject({ code: 'ROOMCTL_E_NOT_SUPPORTED' });
  expect(display.received).toEqual(['%1CLSS ?', '%1POWR ?', '%1ERST ?']);
});
