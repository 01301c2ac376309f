import { expect, it } from 'vitest';
import { useScriptedDisplay } from './test-setup.js';
import { handshake } from './testing/scripted-display.js';

const start = useScriptedDisplay();

it('a reply to the wrong command is incoherence: ROOMCTL_E_PROTOCOL and the link is reported lost', async () => {
  const { driver, ctx } = await start((line) => handshake(line) ?? '%1POWR=1');
  await driver.connect();

  await expect(driver.execute('mute', { on: true })).rejects.toMatchObject({ code: 'ROOMCTL_E_PROTOCOL' });
  expect(ctx.lost.map((e) => e.code)).toEqual(['ROOMCTL_E_PROTOCOL']);
});

it('a reply longer than any PJLink line is incoherence too, reported at once rather than by timeout', async () => {
  const { driver, ctx } = await start((line) => handshake(line) ?? `%1NAME=${'x'.repeat(400)}`, { replyTimeoutMs: 2000 });
  await driver.connect();

  const started = Date.now();
  await expect(driver.execute('status', {})).rejects.toMatchObject({ code: 'ROOMCTL_E_PROTOCOL' });
  expect(Date.now() - started).toBeLessThan(1000);
  expect(ctx.lost.map((e) => e.code)).toEqual(['ROOMCTL_E_PROTOCOL']);
});
