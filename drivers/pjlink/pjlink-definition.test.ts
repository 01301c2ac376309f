import { Value } from '@sinclair/typebox/value';
import { afterEach, describe, expect, it } from 'vitest';
import { actionsOf, probeIntervalOf, type DeviceDriver } from '../core/definition.js';
import { pjlinkDriver } from './pjlink-definition.js';
import { startPjlinkSimulator, type RunningPjlinkSimulator } from './pjlink-simulator.js';
import { createTestContext } from '../testing/test-context.js';

let sim: RunningPjlinkSimulator | undefined;
let driver: DeviceDriver | undefined;
afterEach(async () => {
  await driver?.disconnect();
  await sim?.close();
  driver = sim = undefined;
});

describe('the pjlink definition', () => {
  it('is a display over TCP with power, input, mute, volume and status', () => {
    expect(pjlinkDriver).toMatchObject({ id: 'pjlink', kind: 'display', transport: 'tcp' });
    expect(probeIntervalOf(pjlinkDriver)).toBe(5000);
    expect(actionsOf(pjlinkDriver).map((a) => a.name)).toEqual(['power', 'input', 'mute', 'volume', 'status', 'blank']);
    expect(Value.Check(pjlinkDriver.config, { host: '10.0.0.30' })).toBe(true);
    expect(Value.Check(pjlinkDriver.config, { host: '10.0.0.30', port: 4352, password: 'x', inputs: ['31', '3A'] })).toBe(true);
    expect(Value.Check(pjlinkDriver.config, { host: '10.0.0.30', port: 70000 })).toBe(false);
    expect(Value.Check(pjlinkDriver.config, { host: '10.0.0.30', inputs: ['HDMI1'] })).toBe(false);
    expect(Value.Check(pjlinkDriver.config, { host: '10.0.0.30', colour: 'red' })).toBe(false);
  });

  it('creates a driver that runs every action against the simulator', async () => {
    sim = await startPjlinkSimulator({ port: 0, warmupMs: 0, name: 'Aurora', volumeSteps: 20 });
    const ctx = createTestContext();
    driver = pjlinkDriver.create({ id: 'display', driver: 'pjlink', host: sim.endpoint.host, port: sim.endpoint.port, volumeSteps: 20 }, ctx);
    await driver.connect();

    await driver.execute('power', { on: true });
    await driver.execute('input', { input: '33' });
    await driver.execute('mute', { on: true });
    await expect(driver.execute('volume', { level: 25 })).resolves.toEqual({ volume: 25 });
    expect(sim.display.volume).toBe(5); // driven to 0 first, then 5 of 20 steps up
    await driver.execute('volume', { level: 50 });
    expect(sim.display.volume).toBe(10);

    const status = await driver.execute('status', {});
    expect(status).toEqual({
      power: 'on',
      input: '33',
      mute: true,
      videoMuted: false,
      audioMuted: true,
      errors: { fan: 'ok', lamp: 'ok', temperature: 'ok', cover: 'ok', filter: 'ok', other: 'ok' },
      lampHours: 1234,
      name: 'Aurora',
      class: 2,
    });
    expect(ctx.state).toMatchObject({ power: 'on', input: '33', mute: true, volume: 50, name: 'Aurora' });

    // The room's mute is the sound only; blanking the picture is its own action.
    await driver.execute('blank', { on: true });
    expect(await driver.execute('status', {})).toMatchObject({ mute: true, videoMuted: true, audioMuted: true });
    await driver.execute('mute', { on: false });
    expect(await driver.execute('status', {})).toMatchObject({ mute: false, videoMuted: true, audioMuted: false });
    expect(ctx.state).toMatchObject({ mute: false, blank: true });
  });

  it('narrows inputs to the configured list', async () => {
    sim = await startPjlinkSimulator({ port: 0, warmupMs: 0 });
    driver = pjlinkDriver.create({ id: 'display', driver: 'pjlink', host: sim.endpoint.host, port: sim.endpoint.port, inputs: ['31'] }, createTestContext());
    await driver.connect();
    await driver.execute('power', { on: true });
    await expect(driver.execute('input', { input: '32' })).rejects.toMatchObject({ code: 'ROOMCTL_E_ACTION_PARAMS' });
    await expect(driver.execute('nope', {})).rejects.toMatchObject({ code: 'ROOMCTL_E_ACTION_NOT_FOUND' });
  });
});
