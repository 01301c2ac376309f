/**
 * A fleet that registers thousands of devices at once hands the sampler thousands of first
 * samples in a few batches. Written one committed statement per device, with every batch's
 * loop running at once, they held the pool and the database's log for minutes, slowed the
 * ingest behind them and kept a stopping fleet from exiting. Here: each batch is one
 * statement (per 500 rows), one write runs at a time, and nothing is lost on the way.
 */
import { afterAll, afterEach, beforeEach, describe, expect, it } from 'vitest';
import { DeviceSampler } from './device-sampler.js';
import type { FleetSql, SqlValue } from './fleet-sql.js';
import { closeFleetPostgres, FLEET_BACKENDS, openTestFleetDatabase, type TestFleetDatabase } from '../tests/helpers/fleet-databases.js';

afterAll(closeFleetPostgres);

/** The real database, counting the sampler's statements and how many run at once. */
function counted(sql: FleetSql) {
  const seen = { statements: 0, running: 0, mostAtOnce: 0 };
  const run = async (text: string, params?: readonly SqlValue[]) => {
    seen.statements++;
    seen.mostAtOnce = Math.max(seen.mostAtOnce, ++seen.running);
    try {
      return await sql.run(text, params);
    } finally {
      seen.running--;
    }
  };
  return { seen, sql: { ...sql, dialect: sql.dialect, query: sql.query.bind(sql), transaction: sql.transaction.bind(sql), close: sql.close.bind(sql), run } };
}

const heartbeats = (from: number, count: number, at: number) =>
  Array.from({ length: count }, (_, i) => ({
    site: 'hq',
    room: `room-${Math.floor((from + i) / 8)}`,
    deviceId: `dev-${(from + i) % 8}`,
    at,
    metrics: { replyMs: 3 },
  }));

describe.each(FLEET_BACKENDS)('on %s', (backend) => {
  let db: TestFleetDatabase;
  beforeEach(async () => {
    db = await openTestFleetDatabase(backend);
  });
  afterEach(async () => {
    await db.close();
  });

  it('writes a registration burst a batch per statement, one write at a time, every sample stored', async () => {
    const { seen, sql } = counted(db.sql);
    const sampler = new DeviceSampler(sql);
    // Three ingest batches arrive while the first is still being written.
    await Promise.all([sampler.observe(heartbeats(0, 400, 1000)), sampler.observe(heartbeats(400, 400, 1000)), sampler.observe(heartbeats(800, 400, 1000))]);
    await sampler.idle();
    const [{ n }] = await db.sql.query<{ n: number }>('SELECT COUNT(*) AS n FROM fleet_device_samples');
    expect(n).toBe(1200);
    expect(seen.mostAtOnce).toBe(1);
    // 1,200 rows at 500 a statement: 3 statements, however the batches fell.
    expect(seen.statements).toBeLessThanOrEqual(4);
  });

  it('a heartbeat within the interval adds no row and no statement', async () => {
    const { seen, sql } = counted(db.sql);
    const sampler = new DeviceSampler(sql, 60_000);
    await sampler.observe(heartbeats(0, 16, 1000));
    await sampler.observe(heartbeats(0, 16, 31_000));
    const [{ n }] = await db.sql.query<{ n: number }>('SELECT COUNT(*) AS n FROM fleet_device_samples');
    expect(n).toBe(16);
    expect(seen.statements).toBe(1);
  });
});
