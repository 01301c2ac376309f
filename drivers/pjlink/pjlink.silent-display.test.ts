import { expect, it } from 'vitest';
import { useScriptedDisplay } from './test-setup.js';
import { handshake } from './testing/scripted-display.js';

const start = useScriptedDisplay();

it('a display that goes silent: ROOMCTL_E_DEVICE_TIMEOUT, and the next command starts a fresh session', async () => {
  const {
    sim: display,
    driver,
    ctx,
  } = await start((line) => (line === '%1INPT 31' ? { silent: true } : (handshake(line) ?? '%1INPT=OK')), { replyTimeoutMs: 150 });
  await driver.connect();

  await expect(driver.execute('input', { input: '31' })).rejects.toMatchObject({ code: 'ROOMCTL_E_DEVICE_TIMEOUT' });
  await expect(driver.execute('input', { input: '32' })).resolves.toEqual({ input: '32' });

  // A late reply to the silent command cannot be mistaken for the next one's: new session.
  expect(display.connectionCount).toBe(2);
  expect(ctx.lost).toEqual([]);
});
