import { expect, it } from 'vitest';
import { useDisplay } from './test-setup.js';

const start = useDisplay();

it('a lamp error in ERST makes the display degraded at the next probe, and clears when fixed', async () => {
  const { sim, driver, ctx } = await start();
  await driver.connect();
  expect(ctx.conditions).toEqual([{ degraded: false }]);
  // One question per probe: a round of four asks ERST once.
  const probeRound = async () => {
    for (let i = 0; i < 4; i++) await driver.probe();
  };

  sim.setErrorStatus({ lamp: 'error' });
  await probeRound();
  await probeRound(); // no change: not reported again
  expect(ctx.conditions.at(-1)).toEqual({ degraded: true, detail: 'lamp error' });

  sim.setErrorStatus({ filter: 'warning' });
  await probeRound();
  expect(ctx.conditions.at(-1)).toEqual({ degraded: true, detail: 'lamp error, filter warning' });

  sim.setErrorStatus('000000');
  await probeRound();
  expect(ctx.conditions).toEqual([
    { degraded: false },
    { degraded: true, detail: 'lamp error' },
    { degraded: true, detail: 'lamp error, filter warning' },
    { degraded: false },
  ]);
  expect(sim.display.received.filter((l) => l === '%1ERST ?')).toHaveLength(5);
});
