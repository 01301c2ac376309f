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

it('a display that goes silent: ROOMCTL_E_DEVICE_TIMEOUT, and the next command starts a fresh session', async () => {
  display = await startScriptedDisplay((line) => (line === '%1INPT 31' ? { silent: true } : (handshake(line) ?? '%1INPT=OK')));
  const ctx = createTestContext();
  driver = new PjlinkDriver({ host: '127.0.0.1', port: display.port, replyTimeoutMs: 150 }, ctx);
  await driver.connect();

  await expect(driver.execute('input', { input: '31' })).rejects.toMatchObject({ code: 'ROOMCTL_E_DEVICE_TIMEOUT' });
  await expect(driver.execute('input', { input: '32' })).resolves.toEqual({ input: '32' });

  // A late reply to the silent command cannot be mistaken for the next one's: new session.
  expect(display.connectionCount).toBe(2);
  expect(ctx.lost).toEqual([]);
});
