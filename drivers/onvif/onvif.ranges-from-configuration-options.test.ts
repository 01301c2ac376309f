import { expect, it } from 'vitest';
import { useCamera } from './test-setup.js';
import { waitFor } from '../testing/test-context.js';

const start = useCamera();

it('a node that lists no spaces: the ranges come from GetConfigurationOptions, and are used', async () => {
  const { sim, driver, ctx } = await start({ events: false, quirks: ['degree-ranges'], spacesOnlyInOptions: true });
  await driver.connect();

  expect(ctx.state.ptzRanges).toEqual({ pan: '0..360', tilt: '0..180', zoom: '0..1', source: 'GetConfigurationOptions' });
  await driver.execute('position.absolute', { pan: 0.5, tilt: 0 });
  await waitFor(() => !sim.ptz.moving.panTilt, 3000, 'travel to end');
  expect(sim.ptz.position.pan).toBeCloseTo(0.5, 6);
});

it("neither says (GetConfigurationOptions not implemented): the spec's generic ranges, and the camera still connects", async () => {
  const { sim, driver, ctx } = await start({ events: false, quirks: ['no-configuration-options'], spacesOnlyInOptions: true });
  await driver.connect();

  expect(ctx.state.ptzRanges).toEqual({ pan: '-1..1', tilt: '-1..1', zoom: '0..1', source: 'generic' });
  expect(sim.requests.filter((r) => r.operation === 'GetConfigurationOptions').map((r) => r.status)).toEqual([500]);
});
