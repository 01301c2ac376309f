import type { FastifyRequest } from 'fastify';
import { describe, expect, it, vi } from 'vitest';
import type { Meeting } from '../../appliance/meetings/meeting-types.js';

// Record every timingSafeEqual call the auth code makes, passing each through to the real one.
const calls: Array<{ a: number; b: number }> = [];
vi.mock('node:crypto', async (importOriginal) => {
  const real = await importOriginal<typeof import('node:crypto')>();
  return {
    ...real,
    timingSafeEqual: (a: NodeJS.ArrayBufferView, b: NodeJS.ArrayBufferView) => {
      calls.push({ a: a.byteLength, b: b.byteLength });
      return real.timingSafeEqual(a, b);
    },
  };
});

const { TokenAuth } = await import('../../appliance/http/auth.js');
const { MeetingAuth } = await import('../../appliance/api/routes/meeting-auth.js');

/**
 * A statistical timing test is flaky on a shared machine; the property that makes the
 * comparison constant-time is checkable instead: every candidate, right or wrong, long or
 * short, goes through crypto.timingSafeEqual over fixed-length SHA-256 digests, once per
 * configured token, never stopping early. (The timing itself is measured by the
 * token-compare benchmark.)
 */
describe('bearer tokens are compared in constant time', () => {
  const tokens = ['first-room-token-0123456789abcdef', 'second-token', 'x'.repeat(200)];
  const auth = new TokenAuth(tokens);
  const candidates = [
    '',
    'f',
    'first-room-token-0123456789abcdee',
    'first-room-token-0123456789abcdef',
    'second-token',
    'x'.repeat(199),
    'x'.repeat(10_000),
    '\u0000',
    '🙂'.repeat(40),
  ];

  it('runs timingSafeEqual over 32-byte digests for every configured token, whatever the candidate', () => {
    for (const candidate of candidates) {
      calls.length = 0;
      const accepted = auth.accepts(candidate);
      expect(accepted).toBe(tokens.includes(candidate));
      expect(calls, `candidate of ${candidate.length} chars`).toEqual(tokens.map(() => ({ a: 32, b: 32 })));
    }
  });

  it('compares a meeting code the same way, so a phone cannot guess it byte by byte', () => {
    const meetingAuth = new MeetingAuth(new TokenAuth(tokens));
    const meeting = { code: 'WXYZ-2345' } as Meeting;
    for (const code of ['W', 'WXYZ-2344', 'wxyz-2345', 'A'.repeat(500)]) {
      calls.length = 0;
      const request = { headers: { 'x-meeting-code': code }, query: {}, panelId: null } as unknown as FastifyRequest;
      const outcome = (() => {
        try {
          return meetingAuth.forMeeting(request, meeting).via;
        } catch (err) {
          return (err as { code: string }).code;
        }
      })();
      expect(outcome).toBe(code.toUpperCase() === 'WXYZ-2345' ? 'meeting-code' : 'ROOMCTL_E_UNAUTHORIZED');
      // One pass per configured token (no bearer: none matches), then the code, all over 32-byte digests.
      expect(calls.at(-1), `code of ${code.length} chars`).toEqual({ a: 32, b: 32 });
      expect(calls.every((c) => c.a === 32 && c.b === 32)).toBe(true);
    }
  });
});
