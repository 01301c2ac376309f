import { expect, it } from 'vitest';
import { useScriptedSerialCamera } from './test-setup.js';
import { waitFor } from '../testing/test-context.js';

const start = useScriptedSerialCamera();

it('replies for sockets nobody used, again and again, reset the link as a protocol error', async () => {
  const { sim: cam, driver, ctx } = await start();
  await Promise.all([driver.connect(), cam.answerHandshake()]);

  await cam.send('90 52 FF');
  await cam.send('90 41 FF');
  await cam.send('90 62 41 FF');

  await waitFor(() => ctx.lost.length > 0, 2000, 'linkLost');
  expect(ctx.lost[0]).toMatchObject({ code: 'ROOMCTL_E_PROTOCOL' });
  await expect(driver.execute('home', {})).rejects.toMatchObject({ code: 'ROOMCTL_E_DEVICE_OFFLINE' });
});

it('a single stray reply is tolerated', async () => {
  const { sim: cam, driver, ctx } = await start();
  await Promise.all([driver.connect(), cam.answerHandshake()]);

  await cam.send('90 51 FF');
  const probe = driver.probe();
  await cam.expect('81 09 04 00 FF');
  await cam.send('90 50 03 FF');
  await probe;
  expect(ctx.state.power).toBe('standby');
  expect(ctx.lost).toEqual([]);
});

it('line noise and frames that are not VISCA reset the link', async () => {
  const { sim: cam, driver, ctx } = await start();
  await Promise.all([driver.connect(), cam.answerHandshake()]);

  await cam.send('12 34 56');
  await cam.send('81 01 FF');
  await cam.send('90 70 FF');

  await waitFor(() => ctx.lost.length > 0, 2000, 'linkLost');
  expect(ctx.lost[0]).toMatchObject({ code: 'ROOMCTL_E_PROTOCOL' });
});

it('an inquiry answer that does not parse fails as a protocol error', async () => {
  const { sim: cam, driver } = await start();
  await Promise.all([driver.connect(), cam.answerHandshake()]);

  const probe = driver.probe();
  await cam.expect('81 09 04 00 FF');
  // The check is attached before the camera's reply: a rejection nobody handles yet is an error of the run.
  const refused = expect(probe).rejects.toMatchObject({ code: 'ROOMCTL_E_PROTOCOL' });
  await cam.send('90 50 07 FF');
  await refused;
});
