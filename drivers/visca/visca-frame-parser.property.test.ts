import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { decodeReply, VISCA_MAX_FRAME_LENGTH } from './visca-codec.js';
import { ViscaFrameParser } from './visca-frame-parser.js';

/**
 * Fuzzing the framer: ~20k frames by default so the suite stays fast, ~100k with
 * ROOMCTL_FULL=1, VISCA_FUZZ_FRAMES=1000000 for a deep run. Each fast-check run is one stream of up to
 * FRAMES_PER_RUN frames mixed with garbage and split into random chunks.
 */
const TOTAL_FRAMES = Number(process.env.VISCA_FUZZ_FRAMES ?? (process.env.ROOMCTL_FULL === '1' ? 100_000 : 20_000));
const FRAMES_PER_RUN = 50;
const RUNS = Math.max(1, Math.ceil(TOTAL_FRAMES / FRAMES_PER_RUN));
/** Streams of 40..60 pieces: 50 on average, so RUNS streams carry about TOTAL_FRAMES frames. */
const STREAM = { minLength: FRAMES_PER_RUN - 10, maxLength: FRAMES_PER_RUN + 10 };

/** A well-formed reply: header y0, 1..14 bytes of 0x00-0x7F, terminator. */
const validFrame = fc
  .tuple(fc.integer({ min: 1, max: 7 }), fc.uint8Array({ minLength: 1, maxLength: VISCA_MAX_FRAME_LENGTH - 2, max: 0x7f }))
  .map(([address, body]) => Uint8Array.of((address + 8) << 4, ...body, 0xff));

/**
 * Noise that ends in a terminator (the only thing that brings a VISCA line back in sync),
 * or noise made only of bytes that cannot start a frame.
 */
const garbage = fc.oneof(
  fc.uint8Array({ maxLength: 40 }).map((g) => Uint8Array.of(...g, 0xff)),
  fc.uint8Array({ maxLength: 40, max: 0x7f }),
);

/** A valid frame damaged in place: a byte flipped, dropped or duplicated. */
const mutatedFrame = fc.tuple(validFrame, fc.nat(), fc.integer({ min: 0, max: 2 }), fc.uint8Array({ minLength: 1, maxLength: 1 })).map(([f, at, how, [b]]) => {
  const i = at % f.length;
  const out = [...f];
  if (how === 0) out[i] = b!;
  else if (how === 1) out.splice(i, 1);
  else out.splice(i, 0, out[i]!);
  return Uint8Array.from(out);
});

type Piece = { kind: 'valid' | 'noise'; bytes: Uint8Array };
const piece = fc.oneof(
  { weight: 3, arbitrary: validFrame.map((bytes): Piece => ({ kind: 'valid', bytes })) },
  { weight: 1, arbitrary: garbage.map((bytes): Piece => ({ kind: 'noise', bytes })) },
);

function concat(parts: Uint8Array[]): Uint8Array {
  const out = new Uint8Array(parts.reduce((n, p) => n + p.length, 0));
  let at = 0;
  for (const p of parts) {
    out.set(p, at);
    at += p.length;
  }
  return out;
}

/** Feed `stream` in chunks cut at `cuts`, asserting the buffer bound after every chunk. */
function feed(parser: ViscaFrameParser, stream: Uint8Array, cuts: number[]): Uint8Array[] {
  const out: Uint8Array[] = [];
  const points = [...new Set(cuts.map((c) => c % (stream.length + 1)))].sort((a, b) => a - b);
  let from = 0;
  for (const to of [...points, stream.length]) {
    out.push(...parser.push(stream.subarray(from, to)));
    expect(parser.bufferedLength).toBeLessThanOrEqual(VISCA_MAX_FRAME_LENGTH);
    from = Math.max(from, to);
  }
  return out;
}

const hex = (f: Uint8Array) => Buffer.from(f).toString('hex');

describe('ViscaFrameParser under fuzzing', () => {
  it(`finds every valid frame embedded in garbage (${TOTAL_FRAMES} frames)`, () => {
    let fed = 0;
    fc.assert(
      fc.property(fc.array(piece, STREAM), fc.array(fc.nat(), { maxLength: 8 }), (pieces, cuts) => {
        fed += pieces.length;
        const parser = new ViscaFrameParser();
        const found = feed(parser, concat(pieces.map((p) => p.bytes)), cuts).map(hex);
        // Every valid frame comes out, in order; noise may add frames of its own around them.
        let at = 0;
        for (const p of pieces.filter((p) => p.kind === 'valid')) {
          const i = found.indexOf(hex(p.bytes), at);
          expect(i).toBeGreaterThanOrEqual(at);
          at = i + 1;
        }
      }),
      { numRuns: RUNS },
    );
    expect(fed).toBeGreaterThanOrEqual(TOTAL_FRAMES * 0.9);
  });

  it('never throws and stays bounded on random and mutated frames', () => {
    const anyChunk = fc.oneof(fc.uint8Array({ maxLength: 64 }), mutatedFrame, validFrame);
    fc.assert(
      fc.property(fc.array(anyChunk, STREAM), (chunks) => {
        const parser = new ViscaFrameParser();
        for (const chunk of chunks) {
          for (const frame of parser.push(chunk)) {
            expect(frame.length).toBeLessThanOrEqual(VISCA_MAX_FRAME_LENGTH);
            expect(frame[frame.length - 1]).toBe(0xff);
            expect(frame[0]).toBeGreaterThanOrEqual(0x80);
            decodeReply(frame); // must not throw either
          }
          expect(parser.bufferedLength).toBeLessThanOrEqual(VISCA_MAX_FRAME_LENGTH);
        }
      }),
      { numRuns: RUNS },
    );
  });
});
