import { Value } from '@sinclair/typebox/value';
import { afterEach, expect, it } from 'vitest';
import { actionsOf } from '../core/definition.js';
import type { RunningSimulator } from '../sim/simulator.js';
import { hex } from '../testing/hex.js';
import { createTestContext } from '../testing/test-context.js';
import { viscaIpDriver } from './visca-ip-definition.js';
import { viscaIpSimulator, type RunningViscaIpSimulator } from './visca-ip-simulator.js';

let sim: RunningSimulator | undefined;
afterEach(async () => {
  await sim?.close();
  sim = undefined;
});

it('describes itself as data: host, optional port, udp or tcp, vendor model', () => {
  const { config } = viscaIpDriver;
  expect(Value.Check(config, { host: '10.0.0.21' })).toBe(true);
  expect(Value.Check(config, { host: '10.0.0.21', port: 5678, protocol: 'tcp', model: 'ptzoptics' })).toBe(true);
  expect(Value.Check(config, { host: '10.0.0.21', protocol: 'http' })).toBe(false);
  expect(Value.Check(config, { host: '' })).toBe(false);
  expect(Value.Check(config, { host: '10.0.0.21', address: 2 })).toBe(false);
  expect(actionsOf(viscaIpDriver).map((a) => a.name)).toEqual(
    expect.arrayContaining(['power', 'move', 'stop', 'home', 'preset.recall', 'zoom.direct', 'focus.mode', 'inquire']),
  );
});

it('runs against its simulator as `roomctl sim visca-ip --port 0 --tcpPort 0` would start it, over UDP and TCP', async () => {
  const running = (await viscaIpSimulator.start({ port: '0', tcpPort: '0' })) as RunningViscaIpSimulator;
  sim = running;
  for (const protocol of ['udp', 'tcp'] as const) {
    const ctx = createTestContext();
    const port = protocol === 'udp' ? running.endpoint.port : running.endpoint.tcpPort!;
    const driver = viscaIpDriver.create({ id: 'cam', driver: 'visca-ip', host: '127.0.0.1', port, protocol }, ctx);
    await driver.connect();
    await driver.execute('power', { on: protocol === 'tcp' });
    await driver.probe?.();
    await driver.disconnect();
    await driver.disconnect(); // twice is fine
    expect(ctx.state.power).toBe(protocol === 'tcp' ? 'on' : 'standby');
  }
  expect(running.camera.received.map(hex)).toEqual(expect.arrayContaining(['81 01 04 00 03 FF', '81 01 04 00 02 FF']));
});

it('the simulator refuses a bad port or model', async () => {
  await expect(viscaIpSimulator.start({ port: '70000' })).rejects.toMatchObject({ code: 'ROOMCTL_E_CONFIG_INVALID' });
  await expect(viscaIpSimulator.start({ model: 'canon' })).rejects.toMatchObject({ code: 'ROOMCTL_E_CONFIG_INVALID' });
});
