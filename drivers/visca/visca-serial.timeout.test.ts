import { expect, it } from 'vitest';
import { useScriptedSerialCamera } from './test-setup.js';

const start = useScriptedSerialCamera();

it('a camera that never answers address set fails connect with a timeout', async () => {
  const { sim: cam, driver } = await start({ baudRate: 9600 }, { ackTimeoutMs: 150 });

  const connecting = driver.connect();
  await cam.expect('88 30 01 FF');
  await expect(connecting).rejects.toMatchObject({ code: 'ROOMCTL_E_DEVICE_TIMEOUT' });
});

it('a camera that ignores PowerInq fails connect with a timeout', async () => {
  // The camera answers the first two steps: on a loaded machine its answers through the PTY relay
  // can take longer than 150 ms, which would make this the address-set timeout of the test above.
  const { sim: cam, driver } = await start({ baudRate: 9600 }, { ackTimeoutMs: 1000 });

  const failed = expect(driver.connect()).rejects.toMatchObject({ code: 'ROOMCTL_E_DEVICE_TIMEOUT', message: expect.stringContaining('PowerInq') });
  await cam.expect('88 30 01 FF');
  await cam.send('88 30 02 FF');
  await cam.expect('88 01 00 01 FF');
  await cam.send('88 01 00 01 FF');
  await cam.expect('81 09 04 00 FF');
  await failed;
});

// The timeouts below leave the handshake and the answered commands room on a loaded machine
// (a PTY relay can take longer than 150 ms there); the silences they test wait them out.
it('a command without ACK times out; the link stays and the next command goes out', async () => {
  const { sim: cam, driver, ctx } = await start({ baudRate: 9600 }, { ackTimeoutMs: 1000 });
  await Promise.all([driver.connect(), cam.answerHandshake()]);

  const home = driver.execute('home', {});
  await cam.expect('81 01 06 04 FF');
  await expect(home).rejects.toMatchObject({ code: 'ROOMCTL_E_DEVICE_TIMEOUT' });
  // Silence: the room's watchdog counts it.
  await home.catch((err: { details?: { answered?: boolean } }) => expect(err.details?.answered).toBeUndefined());

  const power = driver.execute('power', { on: false });
  await cam.expect('81 01 04 00 03 FF');
  await cam.send('90 41 FF');
  await cam.send('90 51 FF');
  await power;
  expect(ctx.lost).toEqual([]);
});

it('a command ACKed but never completed times out, marked as answered (busy, not silent)', async () => {
  const { sim: cam, driver } = await start({ baudRate: 9600 }, { ackTimeoutMs: 1000, completionTimeoutMs: 1000 });
  await Promise.all([driver.connect(), cam.answerHandshake()]);

  const save = driver.execute('preset.save', { preset: 3 });
  await cam.expect('81 01 04 3F 01 03 FF');
  await cam.send('90 41 FF');
  await expect(save).rejects.toMatchObject({
    code: 'ROOMCTL_E_DEVICE_TIMEOUT',
    message: expect.stringContaining('no completion'),
    details: { answered: true },
  });
});
