import { afterEach, expect, it } from 'vitest';
import { startLgSimulator, type RunningLgSimulator } from '../../drivers/lg-serial/lg-simulator.js';
import { createPtyPair, type PtyPair } from '../../drivers/sim/pty-pair.js';
import { probeSerialPort } from './probe-serial-port.js';

let pty: PtyPair | undefined;
let sim: RunningLgSimulator | undefined;
afterEach(async () => {
  await sim?.close();
  await pty?.close();
});

it('names lg-serial when only the LG power query is answered', async () => {
  pty = await createPtyPair();
  sim = await startLgSimulator({ path: pty.simulatorPath });

  const verdict = await probeSerialPort(pty.devicePath, { timeoutMs: 400 });

  expect(verdict).toMatchObject({ verdict: 'match', driver: 'lg-serial', settings: { baudRate: 9600, setId: 1 } });
});
