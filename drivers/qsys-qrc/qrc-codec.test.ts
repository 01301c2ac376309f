import { describe, expect, it } from 'vitest';
import { encodeQrc, parseChanges, parseQrcMessage } from './qrc-codec.js';
import { parseChannelSpec } from './qsys-core-model.js';

describe('QRC codec', () => {
  it('encodes JSON-RPC 2.0 ending in NUL', () => {
    const bytes = encodeQrc({ id: 1, method: 'NoOp', params: {} });
    expect(bytes.at(-1)).toBe(0);
    expect(JSON.parse(bytes.subarray(0, -1).toString())).toEqual({ jsonrpc: '2.0', method: 'NoOp', params: {}, id: 1 });
  });

  it('tells responses, errors, notifications and garbage apart', () => {
    expect(parseQrcMessage('{"jsonrpc":"2.0","id":3,"result":true}')).toEqual({ kind: 'response', id: 3, result: true });
    expect(parseQrcMessage('{"jsonrpc":"2.0","id":4,"error":{"code":10,"message":"Logon required"}}')).toEqual({
      kind: 'error',
      id: 4,
      code: 10,
      message: 'Logon required',
    });
    expect(parseQrcMessage('{"jsonrpc":"2.0","method":"EngineStatus","params":{"State":"Active"}}')).toMatchObject({
      kind: 'notification',
      method: 'EngineStatus',
    });
    expect(parseQrcMessage('{"jsonrpc":"1.0","id":1,"result":1}')).toMatchObject({ kind: 'invalid' });
    expect(parseQrcMessage('{nope')).toMatchObject({ kind: 'invalid', reason: 'not JSON' });
    expect(parseChanges({ Changes: [{ Name: 'mute', Value: 1 }, 5, null] })).toEqual([{ Name: 'mute', Value: 1 }]);
  });

  it('reads mixer channel specs', () => {
    expect(parseChannelSpec('1-3 5', 8)).toEqual([1, 2, 3, 5]);
    expect(parseChannelSpec('*', 2)).toEqual([1, 2]);
    expect(parseChannelSpec('0', 8)).toBeUndefined();
    expect(parseChannelSpec('3-1', 8)).toBeUndefined();
  });
});
