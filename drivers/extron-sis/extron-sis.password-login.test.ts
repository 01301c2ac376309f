import { expect, it } from 'vitest';
import { useSwitcher } from './test-setup.js';

const switcher = useSwitcher();

it("answers `Password:` with the config's password and goes on after `Login Administrator`", async () => {
  const { sim, driver, ctx } = await switcher({ password: 'extron-admin' }, { password: 'extron-admin' });
  await driver.connect();
  expect(ctx.state).toMatchObject({ login: 'administrator', firmware: '1.23' });
  // The password is no command: the switcher's command log starts after the login.
  expect(sim.received[0]).toBe('\x1b3CV');
});

it('a second `Password:` is a refused password: ROOMCTL_E_DEVICE_AUTH, tried once, never again by the driver', async () => {
  const { sim, driver } = await switcher({ password: 'extron-admin' }, { password: 'wrong' });
  await expect(driver.connect()).rejects.toMatchObject({ code: 'ROOMCTL_E_DEVICE_AUTH', message: expect.stringContaining('refused the password') });
  expect(sim.received).toEqual([]);
});

it('no password in the config for a switcher that asks: ROOMCTL_E_DEVICE_AUTH that says which field to set', async () => {
  const { driver } = await switcher({ password: 'extron-admin' });
  await expect(driver.connect()).rejects.toMatchObject({ code: 'ROOMCTL_E_DEVICE_AUTH', message: expect.stringContaining('set `password` in the config') });
});
