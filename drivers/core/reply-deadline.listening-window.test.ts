/**
 * A search's window (`listeningWindow`) on its own, with time moved by hand: at its close it
 * reads until a turn of the event loop brings nothing more, but no longer than its bound.
 * (With real sockets, in the held-up-room table: reply-deadline.room-held-up.test.ts.)
 */
import { expect, it } from 'vitest';
import { ManualClock } from '../testing/manual-clock.js';
import { listeningWindow } from './reply-deadline.js';

const turn = () => new Promise((next) => setImmediate(next));

it('closes once a turn of reading brings nothing more, and not before', async () => {
  const clock = new ManualClock();
  let closed = false;
  const window = listeningWindow(1500, () => (closed = true), clock);
  clock.advance(1499);
  await turn();
  expect(closed).toBe(false);

  clock.advance(1);
  // Two turns bring answers (more than Node reads in one), the third nothing.
  window.heard();
  await turn();
  window.heard();
  await turn();
  expect(closed).toBe(false);
  await turn();
  expect(closed).toBe(true);
});

it('closes after 64 turns of reading when answers never stop coming', async () => {
  const clock = new ManualClock();
  let closed = false;
  let turns = 0;
  const window = listeningWindow(100, () => (closed = true), clock);
  // A device sending without end: an answer in every turn, ahead of the window's reading (for
  // 1,000 turns, so that a window that did wait for the end closes too, after this test).
  const chatter = () => {
    window.heard();
    turns++;
    if (!closed && turns < 1000) setImmediate(chatter);
  };
  chatter();
  clock.advance(100);
  await expect.poll(() => closed, { interval: 1 }).toBe(true);
  expect(turns).toBeLessThanOrEqual(66);
});

it('cancelled, never closes', async () => {
  const clock = new ManualClock();
  let closed = false;
  listeningWindow(100, () => (closed = true), clock).cancel();
  clock.advance(200);
  await turn();
  await turn();
  expect(closed).toBe(false);
});
