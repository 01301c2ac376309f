import { describe, expect, it } from 'vitest';
import { canonicalJson, CommandVerifier, signCommand } from './command-auth.js';

const KEY = { id: 'central', secret: 'x'.repeat(40) };
const TOPIC = 'roomctl/hq/aurora/cmd/self-test';

describe('central command signatures', () => {
  it('signs sorted JSON, so key order on the sender does not matter', () => {
    expect(canonicalJson({ b: 1, a: { d: [1, 'x'], c: null } })).toBe('{"a":{"c":null,"d":[1,"x"]},"b":1}');
  });

  it('accepts a command signed with a configured key, once', () => {
    let now = 1_700_000_000_000;
    const verifier = new CommandVerifier([KEY], 60_000, () => now);
    const command = signCommand(TOPIC, KEY, { ts: now, nonce: 'n-0000001', params: { full: true } });
    expect(verifier.verify(TOPIC, command).params).toEqual({ full: true });
    now += 1000;
    expect(() => verifier.verify(TOPIC, command)).toThrow(expect.objectContaining({ code: 'ROOMCTL_E_FORBIDDEN', message: expect.stringMatching(/replayed/) }));
  });

  it('refuses an unsigned command, an unknown key and a wrong signature', () => {
    const now = 1_700_000_000_000;
    const verifier = new CommandVerifier([KEY], 60_000, () => now);
    expect(() => verifier.verify(TOPIC, { params: {} })).toThrow(expect.objectContaining({ code: 'ROOMCTL_E_UNAUTHORIZED' }));
    const other = signCommand(TOPIC, { id: 'stranger', secret: 'y'.repeat(40) }, { ts: now, nonce: 'n-0000002' });
    expect(() => verifier.verify(TOPIC, other)).toThrow(/No command key "stranger"/);
    const forged = { ...signCommand(TOPIC, { id: 'central', secret: 'z'.repeat(40) }, { ts: now, nonce: 'n-0000003' }) };
    expect(() => verifier.verify(TOPIC, forged)).toThrow(/signature does not match/);
  });

  it('refuses a command signed for another room or with its params changed', () => {
    const now = 1_700_000_000_000;
    const verifier = new CommandVerifier([KEY], 60_000, () => now);
    const command = signCommand('roomctl/hq/other/cmd/self-test', KEY, { ts: now, nonce: 'n-0000004', params: { a: 1 } });
    expect(() => verifier.verify(TOPIC, command)).toThrow(/signature does not match/);
    const tampered = { ...signCommand(TOPIC, KEY, { ts: now, nonce: 'n-0000005', params: { a: 1 } }), params: { a: 2 } };
    expect(() => verifier.verify(TOPIC, tampered)).toThrow(/signature does not match/);
  });

  it('refuses a command too far from the room clock, either way', () => {
    const now = 1_700_000_000_000;
    const verifier = new CommandVerifier([KEY], 60_000, () => now);
    expect(() => verifier.verify(TOPIC, signCommand(TOPIC, KEY, { ts: now - 61_000, nonce: 'n-0000006' }))).toThrow(
      expect.objectContaining({ code: 'ROOMCTL_E_FORBIDDEN' }),
    );
    expect(() => verifier.verify(TOPIC, signCommand(TOPIC, KEY, { ts: now + 61_000, nonce: 'n-0000007' }))).toThrow(/off this room's clock/);
  });
});
