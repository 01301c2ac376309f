import { expect, it } from 'vitest';
import { useCamera } from './test-setup.js';
import { waitFor } from '../testing/test-context.js';

const start = useCamera();

it("subscribes to the camera's pull-point events when it offers them, and hears the head start moving", async () => {
  const { sim, driver, ctx } = await start({ eventWaitMs: 200 });
  await driver.connect();
  await waitFor(() => sim.events!.subscriberCount === 1, 3000, 'the driver to subscribe');

  await driver.execute('position.absolute', { pan: 0.5, tilt: 0 });

  await waitFor(() => ctx.state.lastEvent !== undefined, 3000, 'an event to arrive');
  expect(ctx.state.lastEvent).toMatchObject({ topic: 'tns1:PTZController/MoveStatus' });
  expect(sim.requests.map((r) => r.operation)).toEqual(expect.arrayContaining(['CreatePullPointSubscription', 'PullMessages']));
});
