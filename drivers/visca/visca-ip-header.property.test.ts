import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { decodeReply } from './visca-codec.js';
import { decodeViscaIp, encodeViscaIp, VISCA_IP_HEADER_LENGTH, VISCA_IP_MAX_PAYLOAD, VISCA_IP_TYPES, type ViscaIpType } from './visca-ip-header.js';

/**
 * Fuzzing the VISCA-over-IP decoder: ~20k datagrams by default so the suite stays fast,
 * ~100k with ROOMCTL_FULL=1, VISCA_FUZZ_FRAMES=1000000 for a deep run. UDP keeps datagram boundaries, so "finding a
 * valid frame in garbage" means: a valid datagram decodes exactly, whatever came before it.
 */
const TOTAL = Number(process.env.VISCA_FUZZ_FRAMES ?? (process.env.ROOMCTL_FULL === '1' ? 100_000 : 20_000));
const PER_RUN = 50;
const RUNS = Math.max(1, Math.ceil(TOTAL / PER_RUN));

const typeName = fc.constantFrom(...(Object.keys(VISCA_IP_TYPES) as ViscaIpType[]));
const validPacket = fc
  .record({ type: typeName, sequence: fc.nat({ max: 0xffffffff }), payload: fc.uint8Array({ minLength: 1, maxLength: VISCA_IP_MAX_PAYLOAD }) })
  .map((p) => ({ ...p, datagram: encodeViscaIp(p.type, p.sequence, p.payload) }));

/** A valid datagram damaged: a byte flipped, dropped, duplicated, or the datagram cut or padded. */
const mutated = fc.tuple(validPacket, fc.nat(), fc.integer({ min: 0, max: 4 }), fc.integer({ min: 0, max: 255 })).map(([p, at, how, b]) => {
  const out = [...p.datagram];
  const i = at % out.length;
  if (how === 0) out[i] = b;
  else if (how === 1) out.splice(i, 1);
  else if (how === 2) out.splice(i, 0, out[i]!);
  else if (how === 3) out.length = i;
  else out.push(b, b, b);
  return Uint8Array.from(out);
});
const garbage = fc.uint8Array({ maxLength: 2048 });

type Item =
  | { kind: 'valid'; packet: { type: ViscaIpType; sequence: number; payload: Uint8Array; datagram: Uint8Array } }
  | { kind: 'noise'; datagram: Uint8Array };
const item: fc.Arbitrary<Item> = fc.oneof(
  { weight: 2, arbitrary: validPacket.map((packet): Item => ({ kind: 'valid', packet })) },
  { weight: 1, arbitrary: mutated.map((datagram): Item => ({ kind: 'noise', datagram })) },
  { weight: 1, arbitrary: garbage.map((datagram): Item => ({ kind: 'noise', datagram })) },
);

describe('VISCA-over-IP decoder under fuzzing', () => {
  it(
    `never throws, keeps at most 16 payload bytes, and decodes every valid datagram among garbage (${TOTAL} datagrams)`,
    () => {
      let fed = 0;
      fc.assert(
        fc.property(fc.array(item, { minLength: PER_RUN - 10, maxLength: PER_RUN + 10 }), (items) => {
          for (const it of items) {
            fed++;
            const datagram = it.kind === 'valid' ? it.packet.datagram : it.datagram;
            const decoded = decodeViscaIp(datagram);
            if (decoded.kind === 'packet') {
              // Memory stays bounded: the decoder copies at most one VISCA message out of any datagram.
              expect(decoded.payload.length).toBeLessThanOrEqual(VISCA_IP_MAX_PAYLOAD);
              expect(decoded.payload.buffer.byteLength).toBeLessThanOrEqual(VISCA_IP_MAX_PAYLOAD);
              expect(datagram.length).toBe(VISCA_IP_HEADER_LENGTH + decoded.payload.length);
              if (decoded.type === 'reply') decodeReply(decoded.payload); // the VISCA layer must not throw either
            }
            if (it.kind === 'valid') {
              expect(decoded).toEqual({ kind: 'packet', type: it.packet.type, sequence: it.packet.sequence, payload: it.packet.payload });
            }
          }
        }),
        { numRuns: RUNS },
      );
      expect(fed).toBeGreaterThanOrEqual(TOTAL * 0.9);
    },
    Math.max(20_000, TOTAL / 5),
  ); // a deep run takes about two minutes on a busy 2-core machine
});
