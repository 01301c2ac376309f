import { afterEach, expect, it } from 'vitest';
import { hex } from '../testing/hex.js';
import { createTestContext } from '../testing/test-context.js';
import { ViscaIpDriver } from './visca-ip-driver.js';
import { decodeViscaIp } from './visca-ip-header.js';
import { startViscaIpSimulator, type RunningViscaIpSimulator } from './visca-ip-simulator.js';

let sim: RunningViscaIpSimulator | undefined;
let driver: ViscaIpDriver | undefined;
afterEach(async () => {
  await driver?.disconnect();
  await sim?.close();
});

const seen = (s: RunningViscaIpSimulator) =>
  s.datagrams.map((d) => {
    const p = decodeViscaIp(d);
    return p.kind === 'packet' ? `${p.type} #${p.sequence}: ${hex(p.payload)}` : 'invalid';
  });

it('connects over UDP: RESET first, then PowerInq as message number 1', async () => {
  sim = await startViscaIpSimulator();
  const ctx = createTestContext();
  driver = new ViscaIpDriver({ host: '127.0.0.1', port: sim.endpoint.port }, ctx);

  await driver.connect();

  expect(seen(sim)).toEqual(['control #0: 01', 'inquiry #1: 81 09 04 00 FF']);
  expect(ctx.state).toMatchObject({ power: 'on', protocol: 'udp', endpoint: `127.0.0.1:${sim.endpoint.port}` });
});

it('moves the camera, and the camera reports where it went', async () => {
  sim = await startViscaIpSimulator();
  driver = new ViscaIpDriver({ host: '127.0.0.1', port: sim.endpoint.port }, createTestContext());
  await driver.connect();

  await driver.execute('position.absolute', { pan: 300, tilt: -100 });

  expect(sim.camera.reported).toMatchObject({ pan: 300, tilt: -100 });
  await expect(driver.execute('inquire', {})).resolves.toMatchObject({ power: 'on', pan: 300, tilt: -100 });
});

it('says so when nothing answers at the address', async () => {
  sim = await startViscaIpSimulator();
  const port = sim.endpoint.port;
  await sim.close();
  sim = undefined;
  driver = new ViscaIpDriver({ host: '127.0.0.1', port }, createTestContext(), { retransmitMs: 50 });
  await expect(driver.connect()).rejects.toMatchObject({ code: expect.stringMatching(/ROOMCTL_E_(CONNECT_FAILED|DEVICE_OFFLINE)/) });
});
