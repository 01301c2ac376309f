import { expect, it } from 'vitest';
import { useDisplay } from './test-setup.js';

const start = useDisplay();

it('holds an input switch while the display warms up, then switches', async () => {
  const { sim, driver, ctx } = await start({ warmupMs: 300 }, { readyPollMs: 50 });
  await driver.connect();

  await driver.execute('power', { on: true });
  expect(ctx.state.power).toBe('warming');

  const started = Date.now();
  await expect(driver.execute('input', { input: '32' })).resolves.toEqual({ input: '32' });

  expect(Date.now() - started).toBeGreaterThanOrEqual(200);
  expect(sim.display.input).toBe('32');
  expect(ctx.state).toMatchObject({ power: 'on', input: '32' });
  // Sent once and refused with ERR3 while warming, then again once POWR ? said 1.
  expect(sim.display.received.filter((l) => l === '%1INPT 32')).toHaveLength(2);
  expect(ctx.lost).toEqual([]);
});

it('gives up with ROOMCTL_E_DEVICE_BUSY when warm-up outlasts readyTimeoutMs', async () => {
  const { driver } = await start({ warmupMs: 5000 }, { readyPollMs: 50, readyTimeoutMs: 300 });
  await driver.connect();
  await driver.execute('power', { on: true });

  await expect(driver.execute('mute', { on: true })).rejects.toMatchObject({ code: 'ROOMCTL_E_DEVICE_BUSY' });
});

it('refuses an input switch in standby instead of waiting for a warm-up that will not come', async () => {
  const { driver } = await start({}, { readyPollMs: 20 });
  await driver.connect();

  await expect(driver.execute('input', { input: '31' })).rejects.toMatchObject({
    code: 'ROOMCTL_E_DEVICE_REJECTED',
    message: expect.stringContaining('standby'),
  });
});
