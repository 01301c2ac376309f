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

it("subscribes to the camera's pull-point events when it offers them, and hears the head start moving", async () => {
  sim = await startOnvifSimulator({ eventWaitMs: 200 });
  const ctx = createTestContext();
  driver = new OnvifDriver({ host: '127.0.0.1', port: sim.endpoint.port }, ctx);
  await driver.connect();
  await waitFor(() => sim!.events!.subscriberCount === 1, 3000, 'the driver to subscribe');

  await driver.execute('position.absolute', { pan: 0.5, tilt: 0 });

  await waitFor(() => ctx.state.lastEvent !== undefined, 3000, 'an event to arrive');
  expect(ctx.state.lastEvent).toMatchObject({ topic: 'tns1:PTZController/MoveStatus' });
  expect(sim.requests.map((r) => r.operation)).toEqual(expect.arrayContaining(['CreatePullPointSubscription', 'PullMessages']));
});
