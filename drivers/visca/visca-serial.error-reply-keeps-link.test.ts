import { expect, it } from 'vitest';
import { useScriptedSerialCamera, useSerialCamera } from './test-setup.js';

const start = useSerialCamera();
const startScripted = useScriptedSerialCamera();

it('a camera in standby refuses a move (not executable); the link stays and power on works', async () => {
  const { sim, driver, ctx } = await start({ camera: { power: 'standby' } });
  await driver.connect();
  expect(ctx.state.power).toBe('standby');

  await expect(driver.execute('move', { pan: 1 })).rejects.toMatchObject({ code: 'ROOMCTL_E_DEVICE_REJECTED', details: { error: 'not_executable' } });

  await driver.execute('power', { on: true });
  await driver.execute('move', { pan: 1 });
  expect(sim.camera.power).toBe('on');
  expect(ctx.lost).toEqual([]);
});

it('syntax error and buffer full fail one command each and nothing else', async () => {
  const { sim: cam, driver, ctx } = await startScripted();
  await Promise.all([driver.connect(), cam.answerHandshake()]);

  const home = driver.execute('home', {});
  await cam.expect('81 01 06 04 FF');
  // Each refusal's check is attached before the camera's reply: a rejection nobody handles yet is an error of the run.
  const homeRefused = expect(home).rejects.toMatchObject({ code: 'ROOMCTL_E_DEVICE_REJECTED', message: 'camera refused home: syntax' });
  await cam.send('90 60 02 FF');
  await homeRefused;

  const recall = driver.execute('preset.recall', { preset: 1 });
  await cam.expect('81 01 04 3F 02 01 FF');
  const recallRefused = expect(recall).rejects.toMatchObject({ code: 'ROOMCTL_E_DEVICE_BUSY' });
  await cam.send('90 60 03 FF');
  await recallRefused;

  const again = driver.execute('preset.recall', { preset: 1 });
  await cam.expect('81 01 04 3F 02 01 FF');
  await cam.send('90 41 FF');
  await cam.send('90 51 FF');
  await again;
  expect(ctx.lost).toEqual([]);
});

it('an error naming a busy socket fails the command in that socket', async () => {
  const { sim: cam, driver } = await startScripted();
  await Promise.all([driver.connect(), cam.answerHandshake()]);

  const recall = driver.execute('preset.recall', { preset: 2 });
  await cam.expect('81 01 04 3F 02 02 FF');
  await cam.send('90 41 FF'); // travelling in socket 1
  const zoom = driver.execute('zoom.direct', { position: 0x2000 });
  await cam.expect('81 01 04 47 02 00 00 00 FF');
  await cam.send('90 42 FF');
  const recallRefused = expect(recall).rejects.toMatchObject({ code: 'ROOMCTL_E_DEVICE_REJECTED', details: { error: 'not_executable' } });
  await cam.send('90 61 41 FF'); // the recall could not finish
  await recallRefused;
  await cam.send('90 52 FF');
  await zoom;
});
