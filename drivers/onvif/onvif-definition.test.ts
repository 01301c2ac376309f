import { Value } from '@sinclair/typebox/value';
import { afterEach, expect, it } from 'vitest';
import type { RunningSimulator } from '../sim/simulator.js';
import { createTestContext } from '../testing/test-context.js';
import type { RunningOnvifSimulator } from './onvif-camera-simulator.js';
import { onvifDriver } from './onvif-definition.js';
import { onvifSimulator } from './onvif-simulator.js';

let sim: RunningSimulator | undefined;
afterEach(async () => {
  await sim?.close();
  sim = undefined;
});

it('describes itself as data: host, port, credentials, auth scheme, profile', () => {
  const { config } = onvifDriver;
  expect(Value.Check(config, { host: '10.0.0.21' })).toBe(true);
  expect(Value.Check(config, { host: '10.0.0.21', port: 80, username: 'admin', password: 'x', auth: 'digest', profile: 'Profile_1' })).toBe(true);
  expect(Value.Check(config, { host: '10.0.0.21', auth: 'basic' })).toBe(false);
  expect(Value.Check(config, { host: '10.0.0.21', port: 0 })).toBe(false);
});

it('runs against its simulator as `roomctl sim onvif --port 0 --discoveryPort 0 --username u --password p` would start it', async () => {
  const running = (await onvifSimulator.start({ port: '0', discoveryPort: '0', username: 'u', password: 'p', presets: '4' })) as RunningOnvifSimulator;
  sim = running;
  const ctx = createTestContext();
  const driver = onvifDriver.create({ id: 'cam', driver: 'onvif', host: '127.0.0.1', port: running.endpoint.port, username: 'u', password: 'p' }, ctx);
  await driver.connect();
  await driver.probe?.();
  await expect(driver.execute('preset.save', { preset: 5 })).rejects.toMatchObject({ details: { allowed: '1..4' } });
  await driver.disconnect();
  await driver.disconnect();
  expect(ctx.state).toMatchObject({ maxPresets: 4, position: { pan: 0, tilt: 0, zoom: 0 } });
});

it('the simulator refuses half a credential or an unknown auth mode', async () => {
  await expect(onvifSimulator.start({ port: '0', discoveryPort: '0', username: 'u' })).rejects.toMatchObject({ code: 'ROOMCTL_E_CONFIG_INVALID' });
  await expect(onvifSimulator.start({ port: '0', discoveryPort: '0', auth: 'basic' })).rejects.toMatchObject({ code: 'ROOMCTL_E_CONFIG_INVALID' });
});
