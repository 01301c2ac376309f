import { afterEach, expect, it } from 'vitest';
import { createTestContext } from '../testing/test-context.js';
import { ViscaIpDriver } from './visca-ip-driver.js';
import { startViscaIpSimulator, type RunningViscaIpSimulator } from './visca-ip-simulator.js';
import { conversation } from './testing/visca-ip-test-helpers.js';

let sim: RunningViscaIpSimulator | undefined;
const drivers: ViscaIpDriver[] = [];
afterEach(async () => {
  for (const d of drivers.splice(0)) await d.disconnect();
  await sim?.close();
});

it('a camera that counts from elsewhere answers 0F 01; the driver sends RESET and the command goes through', async () => {
  sim = await startViscaIpSimulator();
  const driver = new ViscaIpDriver({ host: '127.0.0.1', port: sim.endpoint.port }, createTestContext());
  drivers.push(driver);
  await driver.connect();

  sim.expectSequenceAbove(1000); // as after the camera restarted and another controller spoke
  await driver.execute('power', { on: false });

  expect(conversation(sim.datagrams).slice(2)).toEqual(['command #2: 81 01 04 00 03 FF', 'control #2: 01', 'command #1: 81 01 04 00 03 FF']);
  expect(sim.stats.sequenceErrors).toBe(1);
  expect(sim.camera.power).toBe('standby');
});

it('a new session starts again from 1: RESET at connect makes the camera forget the old numbers', async () => {
  sim = await startViscaIpSimulator();
  const first = new ViscaIpDriver({ host: '127.0.0.1', port: sim.endpoint.port }, createTestContext());
  drivers.push(first);
  await first.connect();
  for (let i = 0; i < 5; i++) await first.execute('home', {});
  await first.disconnect();

  const second = new ViscaIpDriver({ host: '127.0.0.1', port: sim.endpoint.port }, createTestContext());
  drivers.push(second);
  await second.connect();
  await second.execute('home', {});

  expect(conversation(sim.datagrams).slice(-3)).toEqual(['control #0: 01', 'inquiry #1: 81 09 04 00 FF', 'command #2: 81 01 06 04 FF']);
  expect(sim.stats.sequenceErrors).toBe(0);
});
