import { createServer, type Server } from 'node:net';
import { afterEach, expect, it } from 'vitest';
import { startPjlinkSimulator, type RunningPjlinkSimulator } from '../../drivers/pjlink/pjlink-simulator.js';
import { PROVISIONING_DRIVERS } from '../provisioning-drivers.js';
import { tcpProbesOf } from './driver-probes.js';
import { probeHostWith, type HostProbeOptions } from './probe-host.js';

/** The PJLink driver's own question, as provisioning asks it. */
const probePjlinkGreeting = (at: HostProbeOptions) => probeHostWith(tcpProbesOf(PROVISIONING_DRIVERS).find((p) => p.driver === 'pjlink')!, at);

let sim: RunningPjlinkSimulator | undefined;
let other: Server | undefined;
afterEach(async () => {
  await sim?.close();
  await new Promise<void>((resolve) => (other ? other.close(() => resolve()) : resolve()));
  other = undefined;
});

it('names pjlink from the greeting alone, and notes when the display wants a password', async () => {
  sim = await startPjlinkSimulator({ port: 0 });
  expect(await probePjlinkGreeting(sim.endpoint)).toMatchObject({ verdict: 'match', driver: 'pjlink', settings: { auth: false } });
  await sim.close();
  sim = await startPjlinkSimulator({ port: 0, password: 'JBMIAProjectorLink' });
  const verdict = await probePjlinkGreeting(sim.endpoint);
  expect(verdict).toMatchObject({ verdict: 'match', driver: 'pjlink', settings: { auth: true } });
  expect(verdict.detail).toMatch(/password required/);
});

it('calls a server that greets with something else garbage, showing what it sent', async () => {
  other = createServer((socket) => socket.end('SSH-2.0-OpenSSH_9.2\r\n'));
  await new Promise<void>((resolve) => other!.listen(0, '127.0.0.1', resolve));
  const port = (other.address() as { port: number }).port;
  const verdict = await probePjlinkGreeting({ host: '127.0.0.1', port });
  expect(verdict.verdict).toBe('garbage');
  expect(verdict.detail).toMatch(/greeted with bytes that are not PJLink \(53 53 48 2D/);
});

it('says nothing listens when the connection is refused', async () => {
  other = createServer();
  await new Promise<void>((resolve) => other!.listen(0, '127.0.0.1', resolve));
  const port = (other.address() as { port: number }).port;
  await new Promise<void>((resolve) => other!.close(() => resolve()));
  other = undefined;
  const verdict = await probePjlinkGreeting({ host: '127.0.0.1', port });
  expect(verdict).toEqual({ verdict: 'error', detail: `127.0.0.1:${port}: connection refused (nothing listens there)` });
});
