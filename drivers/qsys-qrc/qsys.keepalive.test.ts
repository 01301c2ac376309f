import { expect, it } from 'vitest';
import { ManualClock } from '../testing/manual-clock.js';
import { waitFor } from '../testing/test-context.js';
import { useQsysCore } from './test-setup.js';

const start = useQsysCore();

it("sends NoOp every 30 s of the clock, well inside the Core's 60 s idle limit", async () => {
  const clock = new ManualClock();
  const { sim, driver } = await start({ clock });
  await driver.connect();
  const noOps = () => sim.core.received.filter((r) => r.method === 'NoOp').length;

  clock.advance(29_999);
  await new Promise((r) => setTimeout(r, 30));
  expect(noOps()).toBe(0);

  clock.advance(1);
  await waitFor(() => noOps() === 1, 3000, 'the first NoOp');
  clock.advance(30_000);
  await waitFor(() => noOps() === 2, 3000, 'the second NoOp');
});

it('stops the keep-alive when disconnected', async () => {
  const clock = new ManualClock();
  const { driver } = await start({ clock });
  await driver.connect();
  expect(clock.pending).toBe(1);
  await driver.disconnect();
  expect(clock.pending).toBe(0);
});
