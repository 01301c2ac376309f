import fc from 'fast-check';
import { describe, it } from 'vitest';
import { FUZZ_CASES, FUZZ_TIMEOUT_MS, anyText } from '../testing/fuzz.js';
import { encodeQrc, parseChanges, parseQrcMessage, type QrcMessage } from './qrc-codec.js';

const plausible = fc.oneof(
  fc.constantFrom(
    '{"jsonrpc":"2.0","id":1,"result":true}',
    '{"jsonrpc":"2.0","id":2,"error":{"code":7,"message":"Unknown component"}}',
    '{"jsonrpc":"2.0","method":"EngineStatus","params":{"State":"Active","DesignName":"x"}}',
    '{"jsonrpc":"2.0","method":"ChangeGroup.Poll","params":{"Id":"roomctl","Changes":[{"Component":"MicMute","Name":"mute","Value":1}]}}',
  ),
  fc.json().map((j) => `{"jsonrpc":"2.0","id":1,"result":${j}}`),
);

function wellFormed(m: QrcMessage): boolean {
  switch (m.kind) {
    case 'response':
      return m.id !== undefined;
    case 'error':
      return Number.isInteger(m.code) && typeof m.message === 'string';
    case 'notification':
    case 'request':
      return m.method.length > 0 && m.method.length <= 128;
    case 'invalid':
      return typeof m.reason === 'string';
  }
}

describe('QRC codec properties', () => {
  it(
    'parseQrcMessage never throws and always says what it saw; parseChanges only keeps named controls',
    () => {
      fc.assert(
        fc.property(fc.oneof(anyText(plausible, 200), fc.json()), (text) => {
          const m = parseQrcMessage(text);
          if (!wellFormed(m)) return false;
          const changes = parseChanges(m.kind === 'notification' ? m.params : m.kind === 'response' ? m.result : undefined);
          return changes.every((c) => typeof c.Name === 'string');
        }),
        { numRuns: FUZZ_CASES },
      );
    },
    FUZZ_TIMEOUT_MS,
  );

  it(
    'whatever we encode parses back to the same method, id and params',
    () => {
      fc.assert(
        fc.property(fc.integer({ min: 1, max: 1e9 }), fc.stringMatching(/^[A-Za-z.]{1,30}$/), fc.jsonValue(), (id, method, params) => {
          const bytes = encodeQrc({ id, method, params });
          const m = parseQrcMessage(bytes.subarray(0, -1).toString('utf8'));
          return m.kind === 'request' && m.id === id && m.method === method && JSON.stringify(m.params) === JSON.stringify(JSON.parse(JSON.stringify(params)));
        }),
        { numRuns: Math.min(FUZZ_CASES, 20_000) },
      );
    },
    FUZZ_TIMEOUT_MS,
  );
});
