import { afterAll, afterEach, beforeAll, beforeEach } from 'vitest';
import { FleetStore } from '../../fleet/fleet-store.js';
import { closeFleetPostgres, type FleetBackend, openTestFleetDatabase, type TestFleetDatabase } from './fleet-databases.js';
import { startMosquitto, type RunningMosquitto } from './mosquitto.js';

/**
 * A fresh fleet database and store for each test of a `describe.each(FLEET_BACKENDS)` suite,
 * closed after it. Read `db` and `store` inside the tests (they change with each one).
 */
export function useTestFleetStore(
  backend: FleetBackend,
  options: Parameters<typeof FleetStore.open>[1] = {},
): { readonly db: TestFleetDatabase; readonly store: FleetStore } {
  let db: TestFleetDatabase | undefined;
  let store: FleetStore | undefined;
  beforeEach(async () => {
    db = await openTestFleetDatabase(backend);
    store = await FleetStore.open(db.sql, options);
  });
  afterEach(async () => {
    await db?.close();
  });
  return {
    get db() {
      if (!db) throw new Error('useTestFleetStore: read db inside a test');
      return db;
    },
    get store() {
      if (!store) throw new Error('useTestFleetStore: read store inside a test');
      return store;
    },
  };
}

/**
 * A Mosquitto for the whole test file, and the shared PostgreSQL closed after the file: the
 * opening of a fleet test run on both databases. The broker is there once `beforeAll` has run.
 */
export function brokerForFleetTests(): { readonly url: string } {
  let broker: RunningMosquitto | undefined;
  beforeAll(async () => {
    broker = await startMosquitto();
  });
  afterAll(async () => {
    await broker?.close();
    await closeFleetPostgres();
  });
  return {
    get url() {
      if (!broker) throw new Error('the broker starts in beforeAll');
      return broker.url;
    },
  };
}
