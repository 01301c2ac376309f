import { expect, it } from 'vitest';
import { useQsysCore } from './test-setup.js';

const start = useQsysCore();

it('reads EngineStatus, logs on, and builds one change group with AutoPoll', async () => {
  const { sim, driver, ctx } = await start({ user: 'roomctl', password: '1234' }, { user: 'roomctl', password: '1234', designName: 'Aurora' });

  await driver.connect();

  expect(ctx.state.engine).toEqual({ state: 'Active', design: 'Aurora', platform: 'Core 110f' });
  expect(sim.core.received.map((r) => r.method)).toEqual(['Logon', 'ChangeGroup.AddComponentControl', 'ChangeGroup.AutoPoll']);
  expect(sim.core.received[0]!.params).toEqual({ User: 'roomctl', Password: '1234' });
  expect(ctx.state.mute).toBe(false); // the first poll reports the current value
});
