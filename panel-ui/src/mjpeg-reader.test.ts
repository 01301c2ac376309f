import { describe, expect, it } from 'vitest';
import { MjpegReader } from './mjpeg-reader.js';

/** Parts as the appliance writes them (appliance/api/routes/media-routes.ts). */
const part = (jpeg: Uint8Array) =>
  Buffer.concat([Buffer.from(`--roomctlframe\r\ncontent-type: image/jpeg\r\ncontent-length: ${jpeg.length}\r\n\r\n`), jpeg, Buffer.from('\r\n')]);
const jpeg = (n: number) => Uint8Array.from([0xff, 0xd8, ...Array.from({ length: n }, (_, i) => (i * 7) & 0xff), 0xff, 0xd9]);

describe('MJPEG preview reader', () => {
  it('gives each frame whole, however the network cuts the bytes', () => {
    const frames = [jpeg(10), jpeg(3000), jpeg(0)];
    const wire = Buffer.concat(frames.map(part));
    for (const cut of [1, 7, 64, 1500, wire.length]) {
      const reader = new MjpegReader();
      const got: Uint8Array[] = [];
      for (let i = 0; i < wire.length; i += cut) got.push(...reader.push(wire.subarray(i, i + cut)));
      expect(
        got.map((f) => Buffer.from(f).toString('hex')),
        `chunks of ${cut}`,
      ).toEqual(frames.map((f) => Buffer.from(f).toString('hex')));
    }
  });

  it('refuses what is not a preview part rather than buffering without end', () => {
    expect(() => new MjpegReader().push(Buffer.from('--x\r\ncontent-type: text/html\r\n\r\n<html>'))).toThrow(/not an MJPEG preview part/);
    expect(() => new MjpegReader().push(Buffer.from(`--x\r\ncontent-length: ${64 * 1024 * 1024}\r\n\r\n`))).toThrow(/not an MJPEG preview part/);
  });
});
