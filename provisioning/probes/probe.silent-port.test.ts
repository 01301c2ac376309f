import { afterEach, expect, it } from 'vitest';
import { createPtyPair, type PtyPair } from '../../drivers/sim/pty-pair.js';
import { SerialTransport } from '../../drivers/transports/serial-transport.js';
import { probeSerialPort } from './probe-serial-port.js';

let pty: PtyPair | undefined;
let peer: SerialTransport | undefined;
afterEach(async () => {
  await peer?.close();
  await pty?.close();
});

it('says a port answered nothing, and lists every question it asked', async () => {
  pty = await createPtyPair();
  // The far end is open and reads everything, like a device that is powered but deaf to these protocols.
  peer = new SerialTransport({ path: pty.simulatorPath, baudRate: 9600 });
  await peer.open();
  const heard: Buffer[] = [];
  peer.on('data', (chunk: Buffer) => heard.push(chunk));

  const verdict = await probeSerialPort(pty.devicePath, { timeoutMs: 200 });

  expect(verdict.verdict).toBe('silent');
  expect(verdict.detail).toMatch(
    /^answered nothing to: VISCA address set at 9600 baud; VISCA address set at 38400 baud; Samsung MDC status query .*; LG power query/,
  );
  expect(verdict.detail).toMatch(/check power, cable/);
  expect(Buffer.concat(heard).includes(Buffer.from('883001ff', 'hex'))).toBe(true);
});

it('says so when the port cannot be opened at all', async () => {
  const verdict = await probeSerialPort('/dev/serial/by-id/no-such-adapter', { timeoutMs: 200 });
  expect(verdict.verdict).toBe('error');
  // The note names the port before this; the detail says what happened to it.
  expect(verdict.detail).toBe('gone: no such device (unplugged?)');
});
