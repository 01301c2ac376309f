/**
 * Two fleet instances on one PostgreSQL each hear a device go offline at the same moment (a
 * shared subscription gives each some of its reports, and each keeps its own memory of the
 * device's last status): exactly one issue opens, with one running fault, and the device
 * coming back closes it once.
 */
import { afterAll, expect, it } from 'vitest';
import { openFleetSql } from './fleet-database.js';
import { DeviceFaultIssues } from './device-fault-issues.js';
import { emptyChanges } from './fleet-changes.js';
import { IssueDesk } from './fleet-issue-desk.js';
import type { FleetSql } from './fleet-sql.js';
import { FleetStore } from './fleet-store.js';
import { closeFleetPostgres, openTestFleetDatabase, type TestFleetDatabase } from '../tests/helpers/fleet-databases.js';

afterAll(closeFleetPostgres);

/** Two instances on one fresh PostgreSQL database, each with its own connection and memory. */
async function withTwoInstances(run: (a: DeviceFaultIssues, b: DeviceFaultIssues, db: TestFleetDatabase) => Promise<void>): Promise<void> {
  const db = await openTestFleetDatabase('postgres');
  const second = await openFleetSql({ dataDir: db.dataDir, database: db.database });
  try {
    const instance = async (sql: FleetSql) => {
      const store = await FleetStore.open(sql);
      return new DeviceFaultIssues(sql, new IssueDesk(sql, store), { meetingIn: () => null, namesOf: () => null, changed: () => undefined });
    };
    await run(await instance(db.sql), await instance(second), db);
  } finally {
    await second.close();
    await db.close();
  }
}

const T0 = Date.parse('2026-03-02T09:00:00Z');
const cameraIs = (status: 'offline' | 'ok', previous: 'offline' | 'ok' | undefined) => ({
  ...emptyChanges(),
  devices: [{ site: 'hq', room: 'aurora', deviceId: 'cam', status, previous, detail: status === 'ok' ? null : 'No reply to VISCA' }],
});

it('opens one issue for one fault, whichever instance hears it first', async () => {
  await withTwoInstances(async (a, b, db) => {
    // Several rounds: the two race on every one.
    for (let round = 0; round < 5; round++) {
      const at = T0 + round * 3_600_000;
      a.observe(cameraIs('offline', undefined), at);
      b.observe(cameraIs('offline', undefined), at);
      await Promise.all([a.idle(), b.idle()]);
      const open = await db.sql.query<{ id: string }>("SELECT id FROM fleet_issues WHERE kind = 'device' AND state != 'resolved'");
      expect({ round, open: open.length }).toEqual({ round, open: 1 });
      expect((await db.sql.query('SELECT id FROM fleet_device_faults WHERE ended_at IS NULL')).length).toBe(1);
      a.observe(cameraIs('ok', 'offline'), at + 60_000);
      b.observe(cameraIs('ok', 'offline'), at + 60_000);
      await Promise.all([a.idle(), b.idle()]);
      expect((await db.sql.query("SELECT id FROM fleet_issues WHERE kind = 'device' AND state != 'resolved'")).length).toBe(0);
    }
    // Hours apart, each fault was an issue of its own: five, all closed by themselves.
    expect((await db.sql.query("SELECT id FROM fleet_issues WHERE kind = 'device' AND state = 'resolved' AND resolved_by IS NULL")).length).toBe(5);
  });
});

it('clears the issue one instance opened when the device comes back through the other, which never heard it go down', async () => {
  await withTwoInstances(async (a, b, db) => {
    a.observe(cameraIs('offline', undefined), T0);
    await a.idle();
    // The shared subscription hands the report of the camera's return to the other instance: to it, the camera is new.
    b.observe(cameraIs('ok', undefined), T0 + 60_000);
    await b.idle();
    const issues = await db.sql.query<{ state: string; cleared_at: string | null }>("SELECT state, cleared_at FROM fleet_issues WHERE kind = 'device'");
    expect(issues).toEqual([{ state: 'resolved', cleared_at: new Date(T0 + 60_000).toISOString() }]);
    expect((await db.sql.query('SELECT id FROM fleet_device_faults WHERE ended_at IS NULL')).length).toBe(0);
  });
});
