import fc from 'fast-check';

/**
 * Shared settings for the parsers' property tests: 10,000 cases in the default run (a second or
 * two each on a quiet machine; the HID descriptor parser's 100,000 took 22 s on a loaded CI
 * machine and timed out), 100,000 with ROOMCTL_FULL=1 (`npm run test:security`), any count with
 * ROOMCTL_FUZZ_CASES (a million for a long hunt). vitest's timeout grows with the case count.
 */
export const FUZZ_CASES = Number(process.env.ROOMCTL_FUZZ_CASES ?? (process.env.ROOMCTL_FULL === '1' ? 100_000 : 10_000));
export const FUZZ_TIMEOUT_MS = Math.max(60_000, FUZZ_CASES / 2);

/** Random edits (insert, delete, replace) of a plausible text, so mutations land near the grammar. */
export function mutatedText(plausible: fc.Arbitrary<string>): fc.Arbitrary<string> {
  return fc
    .tuple(plausible, fc.array(fc.tuple(fc.nat(), fc.string({ maxLength: 3 }), fc.nat({ max: 3 })), { maxLength: 4 }))
    .map(([text, edits]) =>
      edits.reduce((s, [at, insert, remove]) => s.slice(0, at % (s.length + 1)) + insert + s.slice((at % (s.length + 1)) + remove), text),
    );
}

/** Random byte edits of plausible frames. */
export function mutatedBytes(plausible: fc.Arbitrary<Uint8Array>): fc.Arbitrary<Uint8Array> {
  return fc.tuple(plausible, fc.array(fc.tuple(fc.nat(), fc.uint8Array({ maxLength: 3 }), fc.nat({ max: 3 })), { maxLength: 4 })).map(([bytes, edits]) =>
    edits.reduce((b, [at, insert, remove]) => {
      const i = at % (b.length + 1);
      const tail = b.subarray(Math.min(b.length, i + remove));
      const out = new Uint8Array(i + insert.length + tail.length);
      out.set(b.subarray(0, i));
      out.set(insert, i);
      out.set(tail, i + insert.length);
      return out;
    }, bytes),
  );
}

/** Any text a device might send: mutated plausible text, random text, random binary. */
export function anyText(plausible: fc.Arbitrary<string>, maxLength = 120): fc.Arbitrary<string> {
  return fc.oneof(mutatedText(plausible), fc.string({ maxLength }), fc.string({ unit: 'binary', maxLength }));
}
