import { afterEach, expect, it } from 'vitest';
import { hex } from '../testing/hex.js';
import { createTestContext, waitFor } from '../testing/test-context.js';
import { ViscaIpDriver } from './visca-ip-driver.js';
import { startViscaIpSimulator, type RunningViscaIpSimulator } from './visca-ip-simulator.js';

let sim: RunningViscaIpSimulator | undefined;
let driver: ViscaIpDriver | undefined;
afterEach(async () => {
  await driver?.disconnect();
  await sim?.close();
});

it('speaks raw VISCA over TCP to cameras that take it: no header, the serial bytes on a socket', async () => {
  sim = await startViscaIpSimulator({ tcpPort: 0 });
  const ctx = createTestContext();
  driver = new ViscaIpDriver({ host: '127.0.0.1', port: sim.endpoint.tcpPort!, protocol: 'tcp' }, ctx);

  await driver.connect();
  await driver.execute('move', { pan: 1, tilt: 0 });
  await waitFor(() => sim!.camera.position.pan > 0, 2000, 'the camera to pan right');
  await driver.execute('stop', {});

  expect(sim.camera.received.map(hex)).toEqual(['81 09 04 00 FF', '81 01 06 01 18 01 02 03 FF', '81 01 06 01 01 01 03 03 FF', '81 01 04 07 00 FF']);
  expect(sim.datagrams).toEqual([]);
  expect(ctx.state).toMatchObject({ power: 'on', protocol: 'tcp' });
});

it('a camera that closes the socket loses the link', async () => {
  sim = await startViscaIpSimulator({ tcpPort: 0 });
  const ctx = createTestContext();
  driver = new ViscaIpDriver({ host: '127.0.0.1', port: sim.endpoint.tcpPort!, protocol: 'tcp' }, ctx);
  await driver.connect();

  await sim.close();
  sim = undefined;
  await waitFor(() => ctx.lost.length > 0, 2000, 'linkLost');
  expect(ctx.lost[0]).toMatchObject({ code: 'ROOMCTL_E_DEVICE_OFFLINE' });
});
