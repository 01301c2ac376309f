import { afterEach, describe, expect, it } from 'vitest';
import { SerialTransport } from '../transports/serial-transport.js';
import { createPtyPair, type PtyPair } from './pty-pair.js';

describe('PTY pair', () => {
  let pair: PtyPair | undefined;
  afterEach(async () => pair?.close());

  it('carries bytes both ways between two real serial ports', async () => {
    pair = await createPtyPair();
    const device = new SerialTransport({ path: pair.devicePath, baudRate: 9600 });
    const sim = new SerialTransport({ path: pair.simulatorPath, baudRate: 9600 });
    await device.open();
    await sim.open();
    const got = new Promise<Buffer>((resolve) => sim.once('data', resolve));
    await device.write(Uint8Array.of(0x81, 0x01, 0x04, 0x00, 0x02, 0xff));
    expect([...(await got)]).toEqual([0x81, 0x01, 0x04, 0x00, 0x02, 0xff]);
    await device.close();
    await sim.close();
  });

  it('tells the open port it was closed when the adapter is unplugged', async () => {
    pair = await createPtyPair();
    const device = new SerialTransport({ path: pair.devicePath, baudRate: 9600 });
    await device.open();
    const closed = new Promise((resolve) => device.once('close', resolve));
    await pair.unplug();
    await closed;
    expect(device.isOpen).toBe(false);
  });
});
