import { expect, it } from 'vitest';
import { useScriptedDisplay } from './test-setup.js';
import { handshake } from './testing/scripted-display.js';

const start = useScriptedDisplay();

it('ERR1, ERR2 and ERR4 fail the command with their own codes and keep the link', async () => {
  const replies: Record<string, string> = { '%1AVMT 21': '%1AVMT=ERR1', '%1INPT 33': '%1INPT=ERR2', '%1POWR 0': '%1POWR=ERR4' };
  const { sim: display, driver, ctx } = await start((line) => handshake(line) ?? replies[line] ?? '%1XXXX=ERR1');
  await driver.connect();

  await expect(driver.execute('mute', { on: true })).rejects.toMatchObject({ code: 'ROOMCTL_E_NOT_SUPPORTED' });
  await expect(driver.execute('input', { input: '33' })).rejects.toMatchObject({ code: 'ROOMCTL_E_ACTION_PARAMS' });
  await expect(driver.execute('power', { on: false })).rejects.toMatchObject({
    code: 'ROOMCTL_E_DEVICE_REJECTED',
    message: expect.stringContaining('device failure'),
  });

  expect(ctx.lost).toEqual([]);
  expect(display.connectionCount).toBe(1);
});
