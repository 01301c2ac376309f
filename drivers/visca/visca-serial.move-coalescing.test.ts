import { expect, it } from 'vitest';
import { useScriptedSerialCamera } from './test-setup.js';
import type { ScriptedCamera } from './testing/scripted-camera.js';

const start = useScriptedSerialCamera();

async function connected() {
  const { sim: cam, driver, ctx } = await start();
  await Promise.all([driver.connect(), cam.answerHandshake()]);
  return { ctx, driver, cam };
}

/** ACK in socket 1, then complete: what a camera does with a drive command. */
const ackAndComplete = async (c: ScriptedCamera) => {
  await c.send('90 41 FF');
  await c.send('90 51 FF');
};

it('while the camera chews on one move, newer moves replace the queued one; the stop survives', async () => {
  const { driver, cam } = await connected();

  const first = driver.execute('move', { pan: 0.5 });
  await cam.expect('81 01 06 01 0C 01 02 03 FF'); // right at 12/24
  // The camera has not ACKed yet: everything below waits in the queue.
  const stale = driver.execute('move', { pan: 0.75 });
  const newer = driver.execute('move', { pan: 1 });
  const stop = driver.execute('stop', {});
  const after = driver.execute('move', { pan: -1, tilt: 1 });
  const last = driver.execute('move', { pan: -1, tilt: 0.5 });

  await ackAndComplete(cam);
  // The stop replaced the queued drives (they never reached the camera) and is sent...
  await cam.expect('81 01 06 01 01 01 03 03 FF');
  await ackAndComplete(cam);
  await cam.expect('81 01 04 07 00 FF'); // zoom stop, part of `stop`
  await ackAndComplete(cam);
  // ...and of the two moves after it only the newest goes out.
  await cam.expect('81 01 06 01 18 0A 01 01 FF'); // up-left, pan 24, tilt 10/20
  await ackAndComplete(cam);

  await Promise.all([first, stale, newer, stop, after, last]);
  expect(cam.backlog).toEqual([]);
});

it('a move keeps the other axis going: VISCA drives pan and tilt in one command', async () => {
  const { driver, cam, ctx } = await connected();

  const tilt = driver.execute('move', { tilt: -0.5 });
  await cam.expect('81 01 06 01 01 0A 03 02 FF'); // down
  await ackAndComplete(cam);
  await tilt;
  const pan = driver.execute('move', { pan: 0.25 });
  await cam.expect('81 01 06 01 06 0A 02 02 FF'); // down-right, tilt unchanged
  await ackAndComplete(cam);
  await pan;
  const zoom = driver.execute('move', { zoom: 1 });
  await cam.expect('81 01 04 07 27 FF'); // tele at top speed; pan-tilt untouched
  await ackAndComplete(cam);
  await zoom;
  expect(ctx.state.motion).toEqual({ pan: 0.25, tilt: -0.5, zoom: 1 });
});

it('runs two commands at once in sockets 1 and 2, and waits while both are busy', async () => {
  const { driver, cam } = await connected();

  const recall = driver.execute('preset.recall', { preset: 1 });
  await cam.expect('81 01 04 3F 02 01 FF');
  await cam.send('90 41 FF');
  const zoom = driver.execute('zoom.direct', { position: 0x1000 });
  await cam.expect('81 01 04 47 01 00 00 00 FF');
  await cam.send('90 42 FF');
  const focus = driver.execute('focus.mode', { mode: 'manual' });
  await expect(cam.next(100)).rejects.toThrow(/sent nothing/); // both sockets busy
  await cam.send('90 52 FF'); // zoom arrived
  await cam.expect('81 01 04 38 03 FF');
  await cam.send('90 42 FF');
  await cam.send('90 52 FF');
  await cam.send('90 51 FF'); // recall arrived
  await Promise.all([recall, zoom, focus]);
});
