import { afterEach, expect, it } from 'vitest';
import { createPtyPair, type PtyPair } from '../../drivers/sim/pty-pair.js';
import { startViscaSerialSimulator, type RunningViscaSerialSimulator } from '../../drivers/visca/visca-serial-simulator.js';
import { probeSerialPort } from './probe-serial-port.js';

let pty: PtyPair | undefined;
let sim: RunningViscaSerialSimulator | undefined;
afterEach(async () => {
  await sim?.close();
  await pty?.close();
});

it('asks a port the VISCA address set and names visca-serial, with the number of cameras in the chain', async () => {
  pty = await createPtyPair();
  sim = await startViscaSerialSimulator({ path: pty.simulatorPath, cameras: 3 });
  const progress: string[] = [];

  const verdict = await probeSerialPort(pty.devicePath, { timeoutMs: 1000, onProgress: (l) => progress.push(l) });

  expect(verdict).toMatchObject({ verdict: 'match', driver: 'visca-serial', protocol: 'VISCA', settings: { baudRate: 9600, cameras: 3 } });
  // The camera chain heard exactly one broadcast: `88 30 01 FF`.
  expect(sim.received.map((f) => Buffer.from(f).toString('hex'))).toEqual(['883001ff']);
  expect(progress).toEqual([`${pty.devicePath}: VISCA address set at 9600 baud…`]);
});
