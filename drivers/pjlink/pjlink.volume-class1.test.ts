import { afterEach, expect, it } from 'vitest';
import { PjlinkDriver } from './pjlink-driver.js';
import { handshake, startScriptedDisplay, type ScriptedDisplay } from './testing/scripted-display.js';
import { createTestContext } from '../testing/test-context.js';

let display: ScriptedDisplay | undefined;
let driver: PjlinkDriver | undefined;
afterEach(async () => {
  await driver?.disconnect();
  await display?.close();
  driver = display = undefined;
});

it('a class 1 display has no volume: ROOMCTL_E_NOT_SUPPORTED without a byte sent', async () => {
  display = await startScriptedDisplay((line) => handshake(line, '1', '1') ?? '%1XXXX=ERR1');
  driver = new PjlinkDriver({ host: '127.0.0.1', port: display.port }, createTestContext());
  await driver.connect();

  await expect(driver.execute('volume', { level: 40 })).rejects.toMatchObject({ code: 'ROOMCTL_E_NOT_SUPPORTED' });
  expect(display.received).toEqual(['%1CLSS ?', '%1POWR ?', '%1ERST ?']);
});
