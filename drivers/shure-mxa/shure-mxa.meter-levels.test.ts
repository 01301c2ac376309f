import { expect, it } from 'vitest';
import { waitFor } from '../testing/test-context.js';
import { useShureArray } from './test-setup.js';

const start = useShureArray();

it('METER_RATE starts SAMPLE lines whose moving levels are published as state', async () => {
  const { sim, driver, ctx } = await start();
  await driver.connect();

  await expect(driver.execute('meter', { rateMs: 100 })).resolves.toEqual({ meterRateMs: 100 });
  expect(sim.array.received.at(-1)).toBe('SET METER_RATE 00100');

  await waitFor(() => ctx.patches.filter((p) => 'levels' in p).length >= 3, 5000, 'three meter samples');
  const levels = ctx.patches.filter((p) => 'levels' in p).map((p) => p.levels as number[]);
  for (const l of levels) {
    expect(l).toHaveLength(8);
    for (const dB of l) expect(dB).toBeGreaterThanOrEqual(-60), expect(dB).toBeLessThanOrEqual(0);
  }
  // Levels move: a room with people in it is never a flat line.
  expect(new Set(levels.map((l) => l.join(','))).size).toBeGreaterThan(1);

  await driver.execute('meter', { rateMs: 0 });
  expect(ctx.state.levels).toBeNull();
});
