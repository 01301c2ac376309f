import { expect, it } from 'vitest';
import { useQsysCore } from './test-setup.js';

const start = useQsysCore();

it('Component.Set with a ramp and Component.Get read back the named component', async () => {
  const { sim, driver } = await start();
  await driver.connect();

  await driver.execute('component.set', { name: 'Gain1', controls: [{ name: 'gain', value: -12, ramp: 1.5 }] });
  expect(sim.core.received.at(-1)).toEqual({ method: 'Component.Set', params: { Name: 'Gain1', Controls: [{ Name: 'gain', Value: -12, Ramp: 1.5 }] } });

  await expect(driver.execute('component.get', { name: 'Gain1', controls: ['gain', 'mute'] })).resolves.toEqual({
    Name: 'Gain1',
    Controls: [
      { Name: 'gain', Value: -12, String: '-12.0dB', Position: 88 / 120 },
      { Name: 'mute', Value: 0, String: 'unmuted', Position: 0 },
    ],
  });
});
