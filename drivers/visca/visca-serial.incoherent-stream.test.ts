import { afterEach, expect, it } from 'vitest';
import { createPtyPair, type PtyPair } from '../sim/pty-pair.js';
import { openScriptedCamera, type ScriptedCamera } from './testing/scripted-camera.js';
import { createTestContext, waitFor } from '../testing/test-context.js';
import { ViscaSerialDriver } from './visca-serial-driver.js';

let pair: PtyPair | undefined;
let cam: ScriptedCamera | undefined;
let driver: ViscaSerialDriver | undefined;
afterEach(async () => {
  await driver?.disconnect();
  await cam?.close();
  await pair?.close();
});

it('replies for sockets nobody used, again and again, reset the link as a protocol error', async () => {
  pair = await createPtyPair();
  cam = await openScriptedCamera(pair.simulatorPath);
  const ctx = createTestContext();
  driver = new ViscaSerialDriver({ port: pair.devicePath, baudRate: 9600 }, ctx);
  await Promise.all([driver.connect(), cam.answerHandshake()]);

  await cam.send('90 52 FF');
  await cam.send('90 41 FF');
  await cam.send('90 62 41 FF');

  await waitFor(() => ctx.lost.length > 0, 2000, 'linkLost');
  expect(ctx.lost[0]).toMatchObject({ code: 'ROOMCTL_E_PROTOCOL' });
  await expect(driver.execute('home', {})).rejects.toMatchObject({ code: 'ROOMCTL_E_DEVICE_OFFLINE' });
});

it('a single stray reply is tolerated', async () => {
  pair = await createPtyPair();
  cam = await openScriptedCamera(pair.simulatorPath);
  const ctx = createTestContext();
  driver = new ViscaSerialDriver({ port: pair.devicePath, baudRate: 9600 }, ctx);
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
  pair = await createPtyPair();
  cam = await openScriptedCamera(pair.simulatorPath);
  const ctx = createTestContext();
  driver = new ViscaSerialDriver({ port: pair.devicePath, baudRate: 9600 }, ctx);
  await Promise.all([driver.connect(), cam.answerHandshake()]);

  await cam.send('12 34 56');
  await cam.send('81 01 FF');
  await cam.send('90 70 FF');

  await waitFor(() => ctx.lost.length > 0, 2000, 'linkLost');
  expect(ctx.lost[0]).toMatchObject({ code: 'ROOMCTL_E_PROTOCOL' });
});

it('an inquiry answer that does not parse fails as a protocol error', async () => {
  pair = await createPtyPair();
  cam = await openScriptedCamera(pair.simulatorPath);
  driver = new ViscaSerialDriver({ port: pair.devicePath, baudRate: 9600 }, createTestContext());
  await Promise.all([driver.connect(), cam.answerHandshake()]);

  const probe = driver.probe();
  await cam.expect('81 09 04 00 FF');
  await cam.send('90 50 07 FF');
  await expect(probe).rejects.toMatchObject({ code: 'ROOMCTL_E_PROTOCOL' });
});
