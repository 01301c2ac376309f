import { expect, it } from 'vitest';
import { useCamera } from './test-setup.js';
import { waitFor } from '../testing/test-context.js';

const start = useCamera();

it('a camera that advertises events but refuses the subscription: the state says refused, and status is polled instead', async () => {
  const { sim, driver, ctx } = await start({ quirks: ['events-refused'] }, {}, { motionPollMs: 30 });
  await driver.connect();

  expect(ctx.state).toMatchObject({ events: 'refused', eventsDetail: expect.stringMatching(/CreatePullPointSubscription/) });
  expect(sim.requests.filter((r) => r.operation === 'CreatePullPointSubscription').map((r) => r.status)).toEqual([500]);
  expect(sim.requests.some((r) => r.operation === 'PullMessages')).toBe(false);

  await driver.execute('position.absolute', { pan: 0.5, tilt: 0 });
  await waitFor(() => ((ctx.state.position as { pan: number } | undefined)?.pan ?? 0) === 0.5, 3000, 'polled status to follow the camera');
});
