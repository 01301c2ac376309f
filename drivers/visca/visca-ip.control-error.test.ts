import { afterEach, expect, it } from 'vitest';
import { openScriptedIpCamera, type ScriptedIpCamera } from './testing/scripted-ip-camera.js';
import { createTestContext } from '../testing/test-context.js';
import { ViscaIpDriver } from './visca-ip-driver.js';

let cam: ScriptedIpCamera | undefined;
let driver: ViscaIpDriver | undefined;
afterEach(async () => {
  await driver?.disconnect();
  await cam?.close();
});

it('a control error 0F 02 fails that one command with a coded error, and the link lives on', async () => {
  cam = await openScriptedIpCamera();
  const ctx = createTestContext();
  driver = new ViscaIpDriver({ host: '127.0.0.1', port: cam.port }, ctx);
  await Promise.all([driver.connect(), cam.answerConnect()]);

  const home = driver.execute('home', {});
  expect(await cam.next()).toEqual({ type: 'command', sequence: 2, payload: '81 01 06 04 FF' });
  // The check is attached before the camera's reply: a rejection nobody handles yet is an error of the run.
  const refused = expect(home).rejects.toMatchObject({ code: 'ROOMCTL_E_DEVICE_REJECTED', details: { control: 'message_error', sequence: 2 } });
  await cam.reply('controlReply', 2, '0F 02');
  await refused;

  const probe = driver.probe();
  expect(await cam.next()).toEqual({ type: 'inquiry', sequence: 3, payload: '81 09 04 00 FF' });
  await cam.reply('reply', 3, '90 50 03 FF');
  await probe;
  expect(ctx.state.power).toBe('standby');
  expect(ctx.lost).toEqual([]);
});

it('a sequence error that survives a RESET fails the command as a protocol error', async () => {
  cam = await openScriptedIpCamera();
  driver = new ViscaIpDriver({ host: '127.0.0.1', port: cam.port }, createTestContext());
  await Promise.all([driver.connect(), cam.answerConnect()]);

  const home = driver.execute('home', {});
  await cam.reply('controlReply', (await cam.next()).sequence, '0F 01');
  expect(await cam.next()).toEqual({ type: 'control', sequence: 2, payload: '01' });
  await cam.reply('controlReply', 2, '01');
  expect(await cam.next()).toEqual({ type: 'command', sequence: 1, payload: '81 01 06 04 FF' });
  const refused = expect(home).rejects.toMatchObject({ code: 'ROOMCTL_E_PROTOCOL', details: { control: 'sequence_error' } });
  await cam.reply('controlReply', 1, '0F 01');
  await refused;
});
