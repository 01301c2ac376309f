import { afterEach, expect, it } from 'vitest';
import { createPtyPair, type PtyPair } from '../../drivers/sim/pty-pair.js';
import { startMdcSimulator, type RunningMdcSimulator } from '../../drivers/samsung-mdc/mdc-simulator.js';
import { encodeMdc, MDC_COMMANDS } from '../../drivers/samsung-mdc/mdc-codec.js';
import { probeSerialPort } from './probe-serial-port.js';

let pty: PtyPair | undefined;
let sim: RunningMdcSimulator | undefined;
afterEach(async () => {
  await sim?.close();
  await pty?.close();
});

it('builds the MDC status query as AA 00 id 00 checksum', () => {
  expect(Buffer.from(encodeMdc(MDC_COMMANDS.status, 1)).toString('hex')).toBe('aa00010001');
  expect(Buffer.from(encodeMdc(MDC_COMMANDS.status, 0)).toString('hex')).toBe('aa00000000');
});

it('finds a Samsung display behind the VISCA questions and names samsung-mdc with its display id', async () => {
  pty = await createPtyPair();
  sim = await startMdcSimulator({ serialPath: pty.simulatorPath, id: 0 });

  const verdict = await probeSerialPort(pty.devicePath, { timeoutMs: 500 });

  expect(verdict).toMatchObject({ verdict: 'match', driver: 'samsung-mdc', protocol: 'Samsung MDC', settings: { baudRate: 9600, displayId: 0 } });
  expect(verdict.detail).toMatch(/Samsung MDC: display id 0/);
});
