import { expect, it } from 'vitest';
import { useQsysCore } from './test-setup.js';

const start = useQsysCore();

it('a refused logon fails connect with ROOMCTL_E_DEVICE_AUTH and closes the session', async () => {
  const { sim, driver } = await start({ user: 'roomctl', password: 'wrong' }, { user: 'roomctl', password: '1234' });

  await expect(driver.connect()).rejects.toMatchObject({ code: 'ROOMCTL_E_DEVICE_AUTH', details: { qrcCode: 10 } });
  await new Promise((r) => setTimeout(r, 20));
  expect(sim.openConnections).toBe(0);
});

it('a Core with access control and no credentials in the config says logon is required', async () => {
  const { driver } = await start({}, { user: 'roomctl', password: '1234' });
  await expect(driver.connect()).rejects.toMatchObject({ code: 'ROOMCTL_E_DEVICE_AUTH', message: expect.stringContaining('logon required') });
});
