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

it('a camera that advertises events but refuses the subscription: the state says refused, and status is polled instead', async () => {
  sim = await startOnvifSimulator({ quirks: ['events-refused'] });
  const ctx = createTestContext();
  driver = new OnvifDriver({ host: '127.0.0.1', port: sim.endpoint.port }, ctx, { motionPollMs: 30 });
  await driver.connect();

  expect(ctx.state).toMatchObject({ events: 'refused', eventsDetail: expect.stringMatching(/CreatePullPointSubscription/) });
  expect(sim.requests.filter((r) => r.operation === 'CreatePullPointSubscription').map((r) => r.status)).toEqual([500]);
  expect(sim.requests.some((r) => r.operation === 'PullMessages')).toBe(false);

  await driver.execute('position.absolute', { pan: 0.5, tilt: 0 });
  await waitFor(() => ((ctx.state.position as { pan: number } | undefined)?.pan ?? 0) === 0.5, 3000, 'polled status to follow the camera');
});
