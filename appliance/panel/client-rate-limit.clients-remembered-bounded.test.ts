/**
 * A rate limit for routes anyone may call keeps a table of clients; a guest who sends from
 * thousands of addresses (an IPv6 prefix holds billions) must not grow it without end.
 */
import { expect, it } from 'vitest';
import { ClientRateLimit } from './client-rate-limit.js';

it('remembers at most its bound of clients, forgetting the one heard from longest ago, and refuses by the code and the wait', () => {
  const now = 1_000_000;
  const limit = new ClientRateLimit(2, 60_000, () => now, 1_000);
  limit.take('fd00::1', 'pairing requests');
  limit.take('fd00::1', 'pairing requests');
  expect(() => limit.take('fd00::1', 'pairing requests')).toThrow(
    expect.objectContaining({ code: 'ROOMCTL_E_RATE_LIMITED', details: { retryAfterSeconds: 60 } }),
  );
  // 999 others: the table is full, and the first client is still held to its limit.
  for (let i = 2; i <= 1_000; i++) limit.take(`fd00::${i.toString(16)}`, 'pairing requests');
  expect(() => limit.take('fd00::1', 'pairing requests')).toThrow(expect.objectContaining({ code: 'ROOMCTL_E_RATE_LIMITED' }));
  // One more: the client heard from longest ago (fd00::2: fd00::1 was refused again since) is forgotten, none other.
  limit.take('fd00::ffff', 'pairing requests');
  expect(() => limit.take('fd00::1', 'pairing requests')).toThrow(expect.objectContaining({ code: 'ROOMCTL_E_RATE_LIMITED' }));
  limit.take('fd00::2', 'pairing requests');
  limit.take('fd00::2', 'pairing requests');
  expect(() => limit.take('fd00::2', 'pairing requests')).toThrow(expect.objectContaining({ code: 'ROOMCTL_E_RATE_LIMITED' }));
});
