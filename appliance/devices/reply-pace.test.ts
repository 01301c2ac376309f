import { expect, it } from 'vitest';
import { ReplyPace } from './reply-pace.js';

it('the probe timeout is the floor until replies are slow, then four times the slowest recent one, capped', () => {
  const pace = new ReplyPace(3000, 1000);
  expect(pace.timeoutMs).toBe(3000);
  for (const ms of [20, 30, 25]) pace.record(ms);
  expect(pace.timeoutMs).toBe(3000);
  expect(pace.slowDetail).toBeUndefined();

  for (const ms of [1200, 1250, 1800, 1190, 1210, 1220]) pace.record(ms);
  // The window keeps the last eight: the 20 ms reply has left it.
  expect(pace.timeoutMs).toBe(4 * 1800);
  expect(pace.slowDetail).toBe('answers in 1.2 s');

  for (let i = 0; i < 8; i++) pace.record(40_000);
  expect(pace.timeoutMs).toBe(60_000);
});
