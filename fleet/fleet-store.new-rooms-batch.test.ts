/**
 * A fleet's first batches after it starts (or after another instance's backlog reaches it)
 * hold thousands of rooms it has never seen, each with its status. They are written a few
 * hundred rooms per statement — not a statement per room, which held a 15,000-room
 * registration to thousands of round trips inside one transaction — and nothing is lost on
 * the way: every room stored with its last status, every status change still reported.
 */
import { afterAll, afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { FleetMessage } from './fleet-messages.js';
import type { FleetSql, FleetSqlTx } from './fleet-sql.js';
import { FleetStore } from './fleet-store.js';
import { closeFleetPostgres, FLEET_BACKENDS, openTestFleetDatabase, type TestFleetDatabase } from '../tests/helpers/fleet-databases.js';

afterAll(closeFleetPostgres);

/** The real database, counting the statements the store's transactions run. */
function counted(sql: FleetSql): { sql: FleetSql; statements: () => number } {
  let n = 0;
  const wrap = (tx: FleetSqlTx): FleetSqlTx => ({
    dialect: tx.dialect,
    query: (text, params) => (n++, tx.query(text, params)),
    run: (text, params) => (n++, tx.run(text, params)),
  });
  return {
    statements: () => n,
    sql: {
      dialect: sql.dialect,
      query: sql.query.bind(sql),
      run: sql.run.bind(sql),
      close: sql.close.bind(sql),
      transaction: (fn) => sql.transaction((tx) => fn(wrap(tx))),
    },
  };
}

const ROOMS = 1200;
const status = (room: number, online: 'online' | 'offline'): FleetMessage => ({ kind: 'status', site: `site-${room % 7}`, room: `room-${room}`, online });

describe.each(FLEET_BACKENDS)('on %s', (backend) => {
  let db: TestFleetDatabase;
  beforeEach(async () => {
    db = await openTestFleetDatabase(backend);
  });
  afterEach(async () => {
    await db.close();
  });

  it('stores a batch of new rooms with their last status in a few statements, and reports every status change', async () => {
    const { sql, statements } = counted(db.sql);
    const store = await FleetStore.open(sql);
    // Every room online; room 5 drops and comes back within the same batch.
    const batch = [...Array.from({ length: ROOMS }, (_, r) => status(r, 'online')), status(5, 'offline'), status(5, 'online'), status(9, 'offline')];
    const changes = await store.apply(batch, 1000);

    const rows = await db.sql.query<{ room: string; status: string }>('SELECT room, status FROM fleet_rooms ORDER BY room');
    expect(rows).toHaveLength(ROOMS);
    expect(rows.filter((r) => r.status === 'online')).toHaveLength(ROOMS - 1);
    expect(rows.find((r) => r.room === 'room-5')?.status).toBe('online');
    expect(rows.find((r) => r.room === 'room-9')?.status).toBe('offline');
    expect(changes.rooms.size).toBe(ROOMS);
    expect(changes.roomStatus.filter((s) => s.room === 'room-5').map((s) => s.online)).toEqual(['online', 'offline', 'online']);
    // 1,200 rooms at 500 a statement, twice (the rooms, their status), plus the change notices: not 2,400.
    expect(statements()).toBeLessThan(20);
  });
});
