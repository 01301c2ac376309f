import { expect, it } from 'vitest';
import { useScriptedDisplay } from './test-setup.js';
import { handshake } from './testing/scripted-display.js';

const start = useScriptedDisplay();

it('a display that answers ERR3 while warming: the command waits for POWR=1 and is sent again', async () => {
  // The script: on, then AVMT refused (ERR3) while POWR ? says warming twice, then on and OK.
  let powerPolls = 0;
  const {
    sim: display,
    driver,
    ctx,
  } = await start(
    (line) => {
      if (line === '%1CLSS ?') return '%1CLSS=1';
      if (line === '%1ERST ?') return '%1ERST=000000';
      if (line === '%1POWR ?') return powerPolls++ === 0 ? '%1POWR=0' : powerPolls <= 3 ? '%1POWR=3' : '%1POWR=1';
      if (line === '%1POWR 1') return '%1POWR=OK';
      if (line === '%1AVMT 21') return powerPolls <= 3 ? '%1AVMT=ERR3' : '%1AVMT=OK';
      return `${line.slice(0, 6)}=ERR1`;
    },
    { readyPollMs: 20 },
  );
  await driver.connect();

  await driver.execute('power', { on: true });
  await expect(driver.execute('mute', { on: true })).resolves.toEqual({ mute: true });

  expect(display.received).toEqual([
    '%1CLSS ?',
    '%1POWR ?',
    '%1ERST ?', // handshake: standby, healthy
    '%1POWR 1',
    '%1POWR ?', // power on, now warming
    '%1AVMT 21', // ERR3: hold
    '%1POWR ?',
    '%1POWR ?', // still warming, then on
    '%1AVMT 21', // sent again: OK
  ]);
  expect(ctx.state).toMatchObject({ power: 'on', mute: true });
  expect(display.connectionCount).toBe(1);
});

it('firmware that answers even POWR ? with ERR3 while warming: still a wait, not a failure', async () => {
  let warming = true;
  const { sim: display, driver } = await start(
    (line) => {
      if (line === '%1POWR ?' && warming) return '%1POWR=ERR3';
      if (line === '%1INPT 31') return warming ? '%1INPT=ERR3' : '%1INPT=OK';
      return handshake(line) ?? '%1XXXX=ERR1';
    },
    { readyPollMs: 20 },
  );
  warming = false;
  await driver.connect();
  warming = true;
  setTimeout(() => (warming = false), 150);

  await expect(driver.execute('input', { input: '31' })).resolves.toEqual({ input: '31' });
  expect(display.received.filter((l) => l === '%1INPT 31')).toHaveLength(2);
});
