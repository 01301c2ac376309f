import { afterEach, expect, it } from 'vitest';
import { createTestContext, waitFor } from '../testing/test-context.js';
import { startOnvifSimulator, type RunningOnvifSimulator } from './onvif-camera-simulator.js';
import { OnvifDriver } from './onvif-driver.js';

let sim: RunningOnvifSimulator | undefined;
let driver: OnvifDriver | undefined;
afterEach(async () => {
  await driver?.disconnect();
  await sim?.close();
});

it('a node that lists no spaces: the ranges come from GetConfigurationOptions, and are used', async () => {
  sim = await startOnvifSimulator({ events: false, quirks: ['degree-ranges'], spacesOnlyInOptions: true });
  const ctx = createTestContext();
  driver = new OnvifDriver({ host: '127.0.0.1', port: sim.endpoint.port }, ctx);
  await driver.connect();

  expect(ctx.state.ptzRanges).toEqual({ pan: '0..360', tilt: '0..180', zoom: '0..1', source: 'GetConfigurationOptions' });
  await driver.execute('position.absolute', { pan: 0.5, tilt: 0 });
  await waitFor(() => !sim!.ptz.moving.panTilt, 3000, 'travel to end');
  expect(sim.ptz.position.pan).toBeCloseTo(0.5, 6);
});

it("neither says (GetConfigurationOptions not implemented): the spec's generic ranges, and the camera still connects", async () => {
  sim = await startOnvifSimulator({ events: false, quirks: ['no-configuration-options'], spacesOnlyInOptions: true });
  const ctx = createTestContext();
  driver = new OnvifDriver({ host: '127.0.0.1', port: sim.endpoint.port }, ctx);
  await driver.connect();

  expect(ctx.state.ptzRanges).toEqual({ pan: '-1..1', tilt: '-1..1', zoom: '0..1', source: 'generic' });
  expect(sim.requests.filter((r) => r.operation === 'GetConfigurationOptions').map((r) => r.status)).toEqual([500]);
});
