import { expect, it } from 'vitest';
import { useLgDisplay } from './test-setup.js';

const start = useLgDisplay();

it('a set with another Set ID stays silent: connect times out with a coded error', async () => {
  const { driver } = await start({ setId: 2, replyTimeoutMs: 200 }, 1);
  await expect(driver.connect()).rejects.toMatchObject({ code: 'ROOMCTL_E_DEVICE_TIMEOUT' });
});
