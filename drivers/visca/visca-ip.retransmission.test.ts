import { afterEach, expect, it } from 'vitest';
import { createTestContext } from '../testing/test-context.js';
import { ViscaIpDriver } from './visca-ip-driver.js';
import { startViscaIpSimulator, type RunningViscaIpSimulator } from './visca-ip-simulator.js';
import { conversation } from './testing/visca-ip-test-helpers.js';
import type { ViscaUdpLink } from './visca-udp-link.js';

let sim: RunningViscaIpSimulator | undefined;
let driver: ViscaIpDriver | undefined;
afterEach(async () => {
  await driver?.disconnect();
  await sim?.close();
});

it('a command datagram lost on the way is sent again with the same sequence number', async () => {
  sim = await startViscaIpSimulator();
  driver = new ViscaIpDriver({ host: '127.0.0.1', port: sim.endpoint.port }, createTestContext(), { retransmitMs: 40 });
  await driver.connect();

  sim.dropIncoming(1);
  await driver.execute('home', {});

  // Two copies of message #2 arrived; the first was lost before the camera saw it.
  expect(conversation(sim.datagrams).slice(2)).toEqual(['command #2: 81 01 06 04 FF', 'command #2: 81 01 06 04 FF']);
  expect(sim.stats.dropped).toBe(1);
  expect((driver.currentLink as ViscaUdpLink).stats.retransmissions).toBe(1);
});

it('a reply lost on the way back gets the command repeated, and the camera does not run it twice', async () => {
  sim = await startViscaIpSimulator();
  driver = new ViscaIpDriver({ host: '127.0.0.1', port: sim.endpoint.port }, createTestContext(), { retransmitMs: 40 });
  await driver.connect();

  // The camera runs the relative move and ACKs; the ACK is lost. The repeat is recognised by
  // its sequence number and answered from memory: pan ends at +200, not +400.
  sim.dropOutgoing(1);
  await driver.execute('position.relative', { pan: 200, tilt: 0 });

  expect(sim.stats.duplicates).toBe(1);
  expect(sim.camera.reported.pan).toBe(200);
  expect(driver.currentChannel?.unmatchedReplies).toBe(0);
});

it('gives up after a bounded number of tries and reports a timeout; the link stays usable', async () => {
  sim = await startViscaIpSimulator();
  driver = new ViscaIpDriver({ host: '127.0.0.1', port: sim.endpoint.port }, createTestContext(), { retransmitMs: 40, maxTries: 3, ackTimeoutMs: 400 });
  await driver.connect();

  sim.dropIncoming(3);
  await expect(driver.execute('home', {})).rejects.toMatchObject({ code: 'ROOMCTL_E_DEVICE_TIMEOUT' });
  expect(conversation(sim.datagrams).filter((d) => d.startsWith('command #2'))).toHaveLength(3);

  await driver.execute('home', {});
  expect(conversation(sim.datagrams).at(-1)).toBe('command #3: 81 01 06 04 FF');
});
