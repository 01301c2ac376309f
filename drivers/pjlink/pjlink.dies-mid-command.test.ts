import { afterEach, expect, it } from 'vitest';
import { PjlinkDriver } from './pjlink-driver.js';
import { handshake, startScriptedDisplay, type ScriptedDisplay } from './scripted-display.js';
import { createTestContext } from '../testing/test-context.js';

let display: ScriptedDisplay | undefined;
let driver: PjlinkDriver | undefined;
afterEach(async () => {
  await driver?.disconnect();
  await display?.close();
  driver = display = undefined;
});

it('a display that hangs up in the middle of a command: the command fails and the host hears linkLost once', async () => {
  display = await startScriptedDisplay((line) => (line === '%1INPT 31' ? { hangUp: true } : handshake(line) ?? '%1XXXX=ERR1'));
  const ctx = createTestContext();
  driver = new PjlinkDriver({ host: '127.0.0.1', port: display.port }, ctx);
  await driver.connect();

  await expect(driver.execute('input', { input: '31' })).rejects.toMatchObject({ code: 'ROOMCTL_E_DEVICE_OFFLINE' });

  expect(ctx.lost.map((e) => e.code)).toEqual(['ROOMCTL_E_DEVICE_OFFLINE']);
  // The first hang-up might have been an idle close racing our write, so the (idempotent)
  // command was tried once more on a fresh session before giving up.
  expect(display.received.filter((l) => l === '%1INPT 31')).toHaveLength(2);
});

it('a display that powers off for good: the reconnect fails and the host hears linkLost', async () => {
  display = await startScriptedDisplay((line) => (line === '%1INPT 31' ? { hangUp: true } : handshake(line) ?? '%1XXXX=ERR1'));
  const ctx = createTestContext();
  driver = new PjlinkDriver({ host: '127.0.0.1', port: display.port }, ctx);
  await driver.connect();
  const closing = display.close();

  await expect(driver.execute('input', { input: '31' })).rejects.toMatchObject({ code: 'ROOMCTL_E_CONNECT_FAILED' });
  await closing;

  expect(ctx.lost.map((e) => e.code)).toEqual(['ROOMCTL_E_CONNECT_FAILED']);
});
