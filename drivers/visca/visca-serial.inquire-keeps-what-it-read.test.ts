import { expect, it } from 'vitest';
import { useSerialCamera } from './test-setup.js';
import { hex } from '../testing/hex.js';

const start = useSerialCamera();

it('81 09 06 12 FF answered 90 60 02 FF: inquire keeps power, zoom and focus, and says which inquiry the camera lacks', async () => {
  const { sim, driver, ctx } = await start({ camera: { quirks: ['no-position-inquiry'] } });
  await driver.connect();
  await driver.execute('zoom.direct', { position: 0x1000 });

  const read = await driver.execute('inquire', {});

  expect(read).toEqual({ power: 'on', zoom: 0x1000, focus: sim.camera.reported.focus, unsupported: ['PanTiltPosInq'] });
  expect(ctx.state).toMatchObject({ power: 'on', zoom: 0x1000 });
  expect(sim.camera.errorsSent).toEqual({ syntax: 1 });
  expect(ctx.lost).toEqual([]);

  // Not asked again on this link.
  const before = sim.received.length;
  await driver.execute('inquire', {});
  expect(sim.received.slice(before).map(hex)).not.toContain('81 09 06 12 FF');
});

it('position.relative on a camera without PanTiltPosInq: the camera moves, the action succeeds, the position is said to be unknown', async () => {
  const { sim, driver, ctx } = await start({ camera: { quirks: ['no-position-inquiry'] } });
  await driver.connect();

  const result = await driver.execute('position.relative', { pan: 200, tilt: -100 });

  expect(result).toMatchObject({ position: null, detail: expect.stringMatching(/does not report its position/) });
  expect(sim.camera.reported).toMatchObject({ pan: 200, tilt: -100 });
  expect(ctx.state.position).toBeNull();
});
