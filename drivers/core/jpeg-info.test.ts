import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { SIM_SNAPSHOT_JPEG } from '../onvif/onvif-sim-snapshot-jpeg.js';
import { jpegInfo } from './jpeg-info.js';

/** The still check: a whole JPEG gives its size; anything else (cut off, HTML, noise) gives nothing. */
describe('jpegInfo', () => {
  it('reads the size of a real JPEG', () => {
    expect(jpegInfo(SIM_SNAPSHOT_JPEG)).toEqual({ width: 256, height: 144 });
    // Some cameras pad the file after EOI.
    expect(jpegInfo(Buffer.concat([SIM_SNAPSHOT_JPEG, Buffer.alloc(16)]))).toEqual({ width: 256, height: 144 });
  });

  it('refuses a cut-off JPEG, an error page and empty bytes', () => {
    expect(jpegInfo(SIM_SNAPSHOT_JPEG.subarray(0, SIM_SNAPSHOT_JPEG.length - 200))).toBeUndefined();
    expect(jpegInfo(SIM_SNAPSHOT_JPEG.subarray(0, 300))).toBeUndefined();
    expect(jpegInfo(Buffer.from('<html><body>401 Unauthorized</body></html>'))).toBeUndefined();
    expect(jpegInfo(Buffer.alloc(0))).toBeUndefined();
  });

  it('never throws, whatever the bytes (a camera is untrusted)', () => {
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 600 }), (bytes) => {
        const withHeader = Uint8Array.from([0xff, 0xd8, ...bytes]);
        expect(() => jpegInfo(bytes)).not.toThrow();
        expect(() => jpegInfo(withHeader)).not.toThrow();
      }),
      { numRuns: 5000 },
    );
    fc.assert(
      fc.property(fc.integer({ min: 0, max: SIM_SNAPSHOT_JPEG.length - 1 }), fc.integer({ min: 0, max: 255 }), (at, value) => {
        const damaged = Buffer.from(SIM_SNAPSHOT_JPEG);
        damaged[at] = value;
        const info = jpegInfo(damaged);
        if (info) expect(info.width * info.height).toBeGreaterThan(0);
      }),
      { numRuns: 2000 },
    );
  });
});
