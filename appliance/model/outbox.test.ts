import { expect, it } from 'vitest';
import { ManualClock } from './manual-clock.js';
import { backoffMs, Outbox, type OutboxTable } from './outbox.js';

interface Row {
  id: number;
  text: string;
  attempts: number;
  due: number;
  state: 'pending' | 'sent' | 'dead';
  lastError?: string;
}

/** The table an owner would keep in SQLite, in memory: the loop only sees these four calls. */
function memoryTable(rows: Row[]): OutboxTable<Row> {
  return {
    due: (now, limit) => rows.filter((r) => r.state === 'pending' && r.due <= now).slice(0, limit),
    attemptsOf: (r) => r.attempts,
    markSent: (r) => void Object.assign(r, { state: 'sent', attempts: r.attempts + 1 }),
    markFailed: (r, f) => void Object.assign(r, { attempts: f.attempts, due: f.nextAttemptAt, state: f.dead ? 'dead' : 'pending', lastError: String(f.error) }),
  };
}

it('backs off 5 s, 10 s, 20 s… up to the cap', () => {
  expect([1, 2, 3, 4, 10].map((n) => backoffMs(n, 5, 30))).toEqual([5_000, 10_000, 20_000, 30_000, 30_000]);
});

it("keeps a refused entry and tries it again on the backoff, on the owner's clock, until it goes through", async () => {
  const clock = new ManualClock('2026-03-02T09:00:00Z');
  const rows: Row[] = [{ id: 1, text: 'fault', attempts: 0, due: clock.now().getTime(), state: 'pending' }];
  let up = false;
  const tries: number[] = [];
  const outbox = new Outbox<Row>({
    table: memoryTable(rows),
    send: async () => {
      tries.push(clock.now().getTime());
      if (!up) throw new Error('receiver down');
    },
    retryDelayMs: (attempts) => backoffMs(attempts, 5, 600),
    batch: 10,
    clock,
  });
  outbox.start(1_000);
  outbox.kick();
  await outbox.drain();
  expect(rows[0]).toMatchObject({ state: 'pending', attempts: 1, lastError: 'Error: receiver down' });
  await clock.advance(4_000);
  expect(tries, 'not tried again before its time').toHaveLength(1);
  up = true;
  await clock.advance(1_000);
  await outbox.drain();
  expect(rows[0]).toMatchObject({ state: 'sent', attempts: 2 });
  await outbox.stop();
  expect(clock.pending).toBe(0);
});

it('gives up when the owner says so, and leaves a skipped entry untouched', async () => {
  const rows: Row[] = [
    { id: 1, text: 'bad address', attempts: 0, due: 0, state: 'pending' },
    { id: 2, text: 'channel gone', attempts: 0, due: 0, state: 'pending' },
  ];
  const outbox = new Outbox<Row>({
    table: memoryTable(rows),
    send: async (r) => {
      if (r.id === 2) return 'skip';
      throw new Error('permanent');
    },
    retryDelayMs: () => 1_000,
    giveUp: (_attempts, error) => String(error).includes('permanent'),
    batch: 1,
    now: () => 0,
  });
  await outbox.drain();
  await outbox.drain();
  expect(rows.map((r) => [r.state, r.attempts])).toEqual([
    ['dead', 1],
    ['pending', 0],
  ]);
});

it('a send that throws never escapes the pass: it is written back and reported', async () => {
  const rows: Row[] = [{ id: 1, text: 'x', attempts: 0, due: 0, state: 'pending' }];
  const failures: number[] = [];
  const outbox = new Outbox<Row>({
    table: memoryTable(rows),
    send: () => Promise.reject(new Error('boom')),
    retryDelayMs: () => 1,
    onFailure: (f) => failures.push(f.attempts),
    batch: 5,
    now: () => 0,
  });
  await expect(outbox.drain()).resolves.toBeUndefined();
  expect(failures).toEqual([1]);
});
