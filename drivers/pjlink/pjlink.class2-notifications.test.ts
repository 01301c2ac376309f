import { expect, it } from 'vitest';
import { useDisplay } from './test-setup.js';
import { waitFor } from '../testing/test-context.js';
import { freeUdpPort } from '../sim/free-udp-port.js';

/**
 * A class 2 display sends `%2POWR=…`, `%2INPT=…`, `%2ERST=…` by UDP to the controller that
 * last connected. Before, nobody listened: a change made with the remote showed only at the
 * next probe. Now the driver hears it and publishes it at once (no probe runs in this test).
 */
const start = useDisplay();

it('power, input and a lamp error changed at the display itself show without a probe', async () => {
  const notifyPort = await freeUdpPort('127.0.0.1');
  const { sim, driver, ctx } = await start({ warmupMs: 50, quirks: ['notifications'], notifyPort }, { notifyPort });
  await driver.connect();
  expect(ctx.state.power).toBe('standby');
  const asked = sim.display.received.length;

  sim.remote('%1POWR 1');
  await waitFor(() => ctx.state.power === 'on', 3000, 'power on, notified');
  sim.remote('%1INPT 32');
  await waitFor(() => ctx.state.input === '32', 3000, 'input 32, notified');
  sim.setErrorStatus({ lamp: 'error' });
  await waitFor(() => ctx.conditions.at(-1)?.degraded === true, 3000, 'the lamp error, notified');

  expect(ctx.conditions.at(-1)).toEqual({ degraded: true, detail: 'lamp error' });
  expect(sim.notificationsSent).toEqual(expect.arrayContaining(['%2POWR=3', '%2POWR=1', '%2INPT=32', '%2ERST=020000']));
  // Nothing was asked over TCP meanwhile: it was all heard.
  expect(sim.display.received.length).toBe(asked);
});
