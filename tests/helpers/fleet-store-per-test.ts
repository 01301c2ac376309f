import { afterEach, beforeEach } from 'vitest';
import { FleetStore } from '../../fleet/fleet-store.js';
import { type FleetBackend, openTestFleetDatabase, type TestFleetDatabase } from './fleet-databases.js';

/**
 * A fresh fleet database and store for each test of a `describe.each(FLEET_BACKENDS)` suite,
 * closed after it. Read `db` and `store` inside the tests (they change with each one).
 */
export function useTestFleetStore(backend: FleetBackend): { readonly db: TestFleetDatabase; readonly store: FleetStore } {
  let db: TestFleetDatabase | undefined;
  let store: FleetStore | undefined;
  beforeEach(async () => {
    db = await openTestFleetDatabase(backend);
    store = await FleetStore.open(db.sql);
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
