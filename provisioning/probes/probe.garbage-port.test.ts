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

it('reports a device that answers garbage, with the bytes, and configures nothing from it', async () => {
  pty = await createPtyPair();
  // Line noise at the wrong baud rate looks like this: bytes, but no protocol's frame.
  peer = new SerialTransport({ path: pty.simulatorPath, baudRate: 9600 });
  await peer.open();
  peer.on('data', () => void peer!.write(Uint8Array.of(0x13, 0x37, 0x00, 0x42, 0xff)).catch(() => undefined));

  const verdict = await probeSerialPort(pty.devicePath, { timeoutMs: 300 });

  expect(verdict.verdict).toBe('garbage');
  if (verdict.verdict !== 'garbage') return;
  expect(verdict.bytes).toMatch(/^13 37 00 42 FF/);
  expect(verdict.detail).toMatch(
    /answered with bytes no known protocol explains \(13 37 00 42 FF.* after the VISCA address set at 9600 baud: not a VISCA address-set reply/,
  );
  expect(verdict.detail).toMatch(/check the baud rate and the cable/);
});
