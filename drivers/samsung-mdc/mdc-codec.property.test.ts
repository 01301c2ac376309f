import fc from 'fast-check';
import { describe, it } from 'vitest';
import { FUZZ_CASES, FUZZ_TIMEOUT_MS, mutatedBytes } from '../testing/fuzz.js';
import { MdcFrameParser, encodeMdcReply, parseStatus } from './mdc-codec.js';

const reply = fc
  .tuple(
    fc.integer({ min: 0, max: 253 }),
    fc.constantFrom(0x00, 0x11, 0x12, 0x13, 0x14),
    fc.oneof(
      fc.array(fc.integer({ min: 0, max: 255 }), { maxLength: 8 }).map((ack) => ({ ack })),
      fc.integer({ min: 0, max: 255 }).map((nak) => ({ nak })),
    ),
  )
  .map(([id, cmd, r]) => Uint8Array.from(encodeMdcReply(id, cmd, r)));

describe('MDC parser properties', () => {
  it(
    'never throws, stays bounded, and every frame it returns is well-formed',
    () => {
      const streams = fc.array(fc.oneof(reply, mutatedBytes(reply), fc.uint8Array({ maxLength: 40 })), { maxLength: 5 });
      fc.assert(
        fc.property(streams, fc.nat({ max: 30 }), (chunks, cut) => {
          const parser = new MdcFrameParser();
          const bytes = Buffer.concat(chunks.map((c) => Buffer.from(c)));
          const frames = [...parser.push(bytes.subarray(0, cut)), ...parser.push(bytes.subarray(cut))];
          if (parser.buffered > 260) return false;
          return (
            frames.every((f) => (f.kind === 'ack' ? Array.isArray(f.values) : f.kind === 'nak' ? f.error <= 255 : f.data.length <= 255)) &&
            frames.every((f) => f.kind !== 'ack' || parseStatus(f.values) === undefined || f.values.length >= 4)
          );
        }),
        { numRuns: FUZZ_CASES },
      );
    },
    FUZZ_TIMEOUT_MS,
  );

  it(
    'well-formed replies always come out whole, in order, however the stream is cut',
    () => {
      fc.assert(
        fc.property(fc.array(reply, { minLength: 1, maxLength: 5 }), fc.nat({ max: 60 }), (replies, cut) => {
          const parser = new MdcFrameParser();
          const bytes = Buffer.concat(replies.map((r) => Buffer.from(r)));
          const frames = [...parser.push(bytes.subarray(0, cut)), ...parser.push(bytes.subarray(cut))];
          return frames.length === replies.length && parser.buffered === 0;
        }),
        { numRuns: Math.min(FUZZ_CASES, 20_000) },
      );
    },
    FUZZ_TIMEOUT_MS,
  );
});
