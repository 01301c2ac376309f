import { Value } from '@sinclair/typebox/value';
import { afterEach, expect, it } from 'vitest';
import { actionsOf } from '../core/definition.js';
import { createPtyPair, type PtyPair } from '../sim/pty-pair.js';
import type { RunningSimulator } from '../sim/simulator.js';
import { hex } from '../testing/hex.js';
import { createTestContext } from '../testing/test-context.js';
import { VISCA_PRESET_MAX } from './visca-profiles.js';
import { viscaSerialDriver } from './visca-serial-definition.js';
import { viscaSerialSimulator, type RunningViscaSerialSimulator } from './visca-serial-simulator.js';

let pair: PtyPair | undefined;
let sim: RunningSimulator | undefined;
afterEach(async () => {
  await sim?.close();
  await pair?.close();
});

it('describes itself as data: config schema, shared and camera actions', () => {
  const { config } = viscaSerialDriver;
  expect(Value.Check(config, { port: '/dev/ttyUSB0', baudRate: 9600 })).toBe(true);
  expect(Value.Check(config, { port: '/dev/ttyUSB0', baudRate: 38400, address: 7, model: 'ptzoptics' })).toBe(true);
  expect(Value.Check(config, { port: '/dev/ttyUSB0', baudRate: 19200 })).toBe(false);
  expect(Value.Check(config, { port: '/dev/ttyUSB0', baudRate: 9600, address: 8 })).toBe(false);
  expect(Value.Check(config, { port: '/dev/ttyUSB0', baudRate: 9600, model: 'canon' })).toBe(false);
  expect(Value.Check(config, { port: '/dev/ttyUSB0', baudRate: 9600, host: 'x' })).toBe(false);

  const names = actionsOf(viscaSerialDriver).map((a) => a.name);
  expect(names).toEqual(
    expect.arrayContaining(['power', 'move', 'stop', 'home', 'preset.recall', 'preset.save', 'inquire', 'zoom.direct', 'position.absolute']),
  );
  expect(new Set(names).size).toBe(names.length);
  expect(viscaSerialDriver.capabilities.find((c) => c.name === 'ptz')?.traits).toEqual({ presets: VISCA_PRESET_MAX });
});

it('runs against its simulator as `roomctl sim visca-serial --port PATH` would start it', async () => {
  pair = await createPtyPair();
  const running = (await viscaSerialSimulator.start({ port: pair.simulatorPath })) as RunningViscaSerialSimulator;
  sim = running;
  expect(running.endpoint).toEqual({ port: pair.simulatorPath });
  const ctx = createTestContext();
  const driver = viscaSerialDriver.create({ id: 'cam', driver: 'visca-serial', port: pair.devicePath, baudRate: 9600 }, ctx);

  await driver.connect();
  await driver.execute('power', { on: false });
  await driver.probe?.();
  await driver.disconnect();
  await driver.disconnect(); // twice is fine

  expect(running.received.map(hex)).toContain('81 01 04 00 03 FF');
  expect(ctx.state.power).toBe('standby');
});

it('the simulator refuses to start without a port', async () => {
  await expect(viscaSerialSimulator.start({})).rejects.toMatchObject({ code: 'ROOMCTL_E_CONFIG_INVALID' });
});
