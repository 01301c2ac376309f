import { expect, it } from 'vitest';
import { useScriptedDisplay } from './test-setup.js';
import { handshake, type ScriptedAnswer } from './testing/scripted-display.js';

const start = useScriptedDisplay();

function hangsUpAtInput31(line: string): ScriptedAnswer {
  if (line === '%1INPT 31') return { hangUp: true };
  // The link's first watchdog probe asks the lamp hours.
  if (line === '%1LAMP ?') return '%1LAMP=1234 1';
  return handshake(line) ?? '%1XXXX=ERR1';
}

it('a display that hangs up in the middle of a command: sent once, outcome unknown, never re-sent; the next question reconnects', async () => {
  const { sim: display, driver, ctx } = await start(hangsUpAtInput31);
  await driver.connect();

  await expect(driver.execute('input', { input: '31' })).rejects.toMatchObject({
    code: 'ROOMCTL_E_DEVICE_OUTCOME_UNKNOWN',
    message: expect.stringContaining('sent, outcome unknown'),
  });

  // The display may have switched: sending it again could do it twice, so it is not re-sent.
  expect(display.received.filter((l) => l === '%1INPT 31')).toHaveLength(1);
  // The session is gone, the display is not: the next question opens a fresh one.
  await driver.probe();
  expect(display.received.slice(-2)).toEqual(['%1CLSS ?', '%1LAMP ?']);
  expect(display.connectionCount).toBe(2);
  expect(ctx.lost).toEqual([]);
});

it('a display that powers off for good: the reconnect fails and the host hears linkLost', async () => {
  const { sim: display, driver, ctx } = await start((line) => (line === '%1INPT 31' ? { hangUp: true } : (handshake(line) ?? '%1XXXX=ERR1')));
  await driver.connect();
  const closing = display.close();

  // Whether the hang-up lands before or after the write, the command is not sent twice.
  await expect(driver.execute('input', { input: '31' })).rejects.toMatchObject({
    code: expect.stringMatching(/OUTCOME_UNKNOWN|CONNECT_FAILED|DEVICE_OFFLINE/),
  });
  await closing;
  await expect(driver.probe()).rejects.toMatchObject({ code: 'ROOMCTL_E_CONNECT_FAILED' });

  expect(ctx.lost.map((e) => e.code)).toEqual(['ROOMCTL_E_CONNECT_FAILED']);
  expect(display.received.filter((l) => l === '%1INPT 31').length).toBeLessThanOrEqual(1);
});
