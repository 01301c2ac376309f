import fc from 'fast-check';
import { afterEach, expect, it } from 'vitest';
import { openScriptedIpCamera, type ScriptedIpCamera } from './testing/scripted-ip-camera.js';
import { createTestContext, waitFor } from '../testing/test-context.js';
import { ViscaIpDriver } from './visca-ip-driver.js';
import { encodeViscaIp } from './visca-ip-header.js';

let cam: ScriptedIpCamera | undefined;
let driver: ViscaIpDriver | undefined;
afterEach(async () => {
  await driver?.disconnect();
  await cam?.close();
});

it('random and mutated datagrams from the camera throw nothing; the driver resets the link as a protocol error', async () => {
  cam = await openScriptedIpCamera();
  const ctx = createTestContext();
  driver = new ViscaIpDriver({ host: '127.0.0.1', port: cam.port }, ctx);
  await Promise.all([driver.connect(), cam.answerConnect()]);

  // Garbage, replies to sequence numbers nobody used, control replies with nonsense payloads.
  const datagrams = fc.sample(
    fc.oneof(
      fc.uint8Array({ maxLength: 64 }),
      fc.tuple(fc.nat({ max: 0xffffffff }), fc.uint8Array({ minLength: 1, maxLength: 16 })).map(([seq, payload]) => encodeViscaIp('reply', seq, payload)),
      fc.tuple(fc.nat(), fc.uint8Array({ minLength: 1, maxLength: 16 })).map(([seq, payload]) => encodeViscaIp('controlReply', seq, payload)),
    ),
    { numRuns: 300, seed: 42 },
  );
  for (const d of datagrams) await cam.sendRaw(d);

  await waitFor(() => ctx.lost.length > 0, 2000, 'the driver to give up on the stream');
  expect(ctx.lost).toHaveLength(1);
  expect(ctx.lost[0]).toMatchObject({ code: 'ROOMCTL_E_PROTOCOL' });
  await expect(driver.execute('home', {})).rejects.toMatchObject({ code: 'ROOMCTL_E_DEVICE_OFFLINE' });
});

it('stale replies (sequence numbers nobody waits for) are dropped quietly and keep the link', async () => {
  cam = await openScriptedIpCamera();
  const ctx = createTestContext();
  driver = new ViscaIpDriver({ host: '127.0.0.1', port: cam.port }, ctx);
  await Promise.all([driver.connect(), cam.answerConnect()]);

  for (const seq of [1, 900, 901, 902]) await cam.reply('reply', seq, '90 51 FF');
  const probe = driver.probe();
  const inquiry = await cam.next();
  await cam.reply('reply', inquiry.sequence, '90 50 02 FF');
  await probe;
  expect(ctx.lost).toEqual([]);
});
