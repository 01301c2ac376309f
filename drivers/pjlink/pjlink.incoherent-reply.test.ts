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

it('a reply to the wrong command is incoherence: ROOMCTL_E_PROTOCOL and the link is reported lost', async () => {
  display = await startScriptedDisplay((line) => handshake(line) ?? '%1POWR=1');
  const ctx = createTestContext();
  driver = new PjlinkDriver({ host: '127.0.0.1', port: display.port }, ctx);
  await driver.connect();

  await expect(driver.execute('mute', { on: true })).rejects.toMatchObject({ code: 'ROOMCTL_E_PROTOCOL' });
  expect(ctx.lost.map((e) => e.code)).toEqual(['ROOMCTL_E_PROTOCOL']);
});

it('a reply longer than any PJLink line is incoherence too, reported at once rather than by timeout', async () => {
  display = await startScriptedDisplay((line) => handshake(line) ?? `%1NAME=${'x'.repeat(400)}`);
  const ctx = createTestContext();
  driver = new PjlinkDriver({ host: '127.0.0.1', port: display.port, replyTimeoutMs: 2000 }, ctx);
  await driver.connect();

  const started = Date.now();
  await expect(driver.execute('status', {})).rejects.toMatchObject({ code: 'ROOMCTL_E_PROTOCOL' });
  expect(Date.now() - started).toBeLessThan(1000);
  expect(ctx.lost.map((e) => e.code)).toEqual(['ROOMCTL_E_PROTOCOL']);
});
