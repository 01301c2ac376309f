import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { DO, DONT, escapeIac, IAC, SB, SE, TelnetFilter, WILL, WONT } from './telnet-codec.js';

/**
 * Telnet negotiation arrives mixed into the TTP bytes, cut anywhere by TCP. Whatever the
 * peer sends, the filter never throws; the application bytes come out exactly as sent
 * (escaped IACs unescaped), however the stream is cut and whatever negotiation is mixed in;
 * and every DO/WILL is refused once.
 */
/** 5,000 cases by default, 20,000 with ROOMCTL_FULL=1, any count with TELNET_FUZZ_CASES. */
const CASES = Number(process.env.TELNET_FUZZ_CASES ?? (process.env.ROOMCTL_FULL === '1' ? 20_000 : 5_000));

const bytes = fc.uint8Array({ maxLength: 60 }).map((b) => Buffer.from(b));
const option = fc.integer({ min: 0, max: 254 }).filter((o) => o !== IAC);
/** One negotiation: a verb with an option, or a subnegotiation with a body free of IAC. */
const negotiation = fc.oneof(
  fc.tuple(fc.constantFrom(DO, DONT, WILL, WONT), option).map(([verb, opt]) => Buffer.from([IAC, verb, opt])),
  fc.uint8Array({ maxLength: 20 }).map((body) => Buffer.from([IAC, SB, ...[...body].filter((b) => b !== IAC), IAC, SE])),
);

/** Cuts a buffer into chunks at the given points, as TCP might. */
function cut(buffer: Buffer, points: number[]): Buffer[] {
  const at = [...new Set(points.map((p) => p % (buffer.length + 1)))].sort((a, b) => a - b);
  const out: Buffer[] = [];
  let from = 0;
  for (const p of [...at, buffer.length]) {
    out.push(buffer.subarray(from, p));
    from = p;
  }
  return out;
}

describe('Telnet filter under property tests', () => {
  it('never throws on any bytes, in any chunks', () => {
    fc.assert(
      fc.property(fc.array(fc.uint8Array({ maxLength: 40 }), { maxLength: 6 }), (chunks) => {
        const filter = new TelnetFilter();
        for (const c of chunks) filter.push(c);
      }),
      { numRuns: CASES },
    );
  });

  it('passes application bytes through exactly, around any negotiation and across any cut', () => {
    fc.assert(
      fc.property(
        fc.array(fc.tuple(bytes, fc.option(negotiation, { nil: undefined })), { maxLength: 5 }),
        fc.array(fc.nat(), { maxLength: 6 }),
        (parts, points) => {
          const sent = Buffer.concat(parts.map(([data]) => data));
          const stream = Buffer.concat(parts.flatMap(([data, neg]) => [escapeIac(data), ...(neg ? [neg] : [])]));
          const filter = new TelnetFilter();
          const outputs = cut(stream, points).map((chunk) => filter.push(chunk));
          expect(Buffer.concat(outputs.map((o) => o.data))).toEqual(sent);
          // Each DO/WILL option is refused exactly once (WONT/DONT), however often it is asked.
          const asked = new Set(
            outputs
              .flatMap((o) => o.requests)
              .filter((r) => r.verb === 'DO' || r.verb === 'WILL')
              .map((r) => `${r.verb}:${r.option}`),
          );
          const replies = Buffer.concat(outputs.map((o) => o.replies));
          expect(replies.length).toBe(asked.size * 3);
        },
      ),
      { numRuns: CASES },
    );
  });
});
