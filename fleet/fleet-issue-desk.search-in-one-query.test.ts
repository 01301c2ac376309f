/**
 * The issue list (`GET /api/fleet/issues`) read each issue it found again by its id: 201
 * queries for a page of 200, racing the ingest for the database. It is read in one query
 * whatever the page, each issue as reading it alone gives it (its JSON columns read, its
 * rating a number). The CSV export and the open issues' pages are counted too: a page costs
 * the same for 1 issue as for 200. On SQLite and on a real PostgreSQL.
 */
import { afterAll, describe, expect, it } from 'vitest';
import { countedStatements } from '../tests/helpers/counted-statements.js';
import { closeFleetPostgres, FLEET_BACKENDS } from '../tests/helpers/fleet-databases.js';
import { useTestFleetStore } from '../tests/helpers/fleet-store-per-test.js';
import { IssueDesk } from './fleet-issue-desk.js';
import type { FleetSql } from './fleet-sql.js';
import { FleetStore } from './fleet-store.js';

const MANY = 200;

afterAll(closeFleetPostgres);

/** Issue `i` of every kind in turn, each in a room of its own (a room holds one open call, a device one open fault), with what each kind carries (device names and a self-test's reason as JSON, a rating), a minute apart. */
async function addIssues(sql: FleetSql, from: number, to: number): Promise<void> {
  const kinds = ['help', 'problem', 'device', 'call'] as const;
  await sql.transaction(async (tx) => {
    for (let i = from; i < to; i++) {
      const kind = kinds[i % kinds.length]!;
      const device = kind === 'device';
      await tx.run(
        `INSERT INTO fleet_issues (id, kind, site, room, device_id, device_names, summary, opened_at, state, assigned_to, error_code, self_test, rating, comment)
          VALUES (?, ?, 'hq', ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
        [
          `issue-${String(i).padStart(3, '0')}`,
          kind,
          `room-${i}`,
          device ? 'mic' : null,
          device ? JSON.stringify({ en: 'Ceiling microphone', 'zh-CN': '吸顶麦克风' }) : null,
          `Summary ${i}`,
          new Date(Date.UTC(2026, 2, 1, 8, i)).toISOString(),
          i % 3 === 0 ? 'open' : i % 3 === 1 ? 'acknowledged' : 'resolved',
          i % 2 ? 'Ana Lima' : null,
          device ? 'ROOMCTL_E_SELFTEST_SILENT' : null,
          device ? JSON.stringify({ status: 'ok', waitedMs: 4000, heard: { peakDb: -62.5, aboveDb: -50, withinMs: 3000 } }) : null,
          kind === 'problem' ? (i % 5) + 1 : null,
          kind === 'problem' ? `Comment ${i}` : null,
        ],
      );
    }
  });
}

describe.each(FLEET_BACKENDS)('on %s', (backend) => {
  const fleet = useTestFleetStore(backend);

  it(`finds 1 issue and ${MANY} in as many queries, each as reading it alone gives it`, async () => {
    const { db, store } = fleet;
    const counted = countedStatements(db.sql);
    const countedStore = await FleetStore.open(counted.sql);
    const desk = new IssueDesk(counted.sql, countedStore);
    /** The statements `read` runs, and what it gives. */
    const cost = async <T>(read: () => Promise<T>): Promise<{ statements: number; value: T }> => {
      const before = counted.statements();
      const value = await read();
      return { statements: counted.statements() - before, value };
    };
    const csvLines = async () => {
      const { lines } = await desk.csv({ limit: MANY });
      const out: string[] = [];
      for await (const line of lines) out.push(line);
      return out.join('');
    };
    const openPage = () => countedStore.openIssuesPage(MANY);

    await addIssues(db.sql, 0, 1);
    const one = { search: await cost(() => desk.search({ limit: MANY })), csv: await cost(csvLines), open: await cost(openPage) };
    expect(one.search.value.map((i) => i.id)).toEqual(['issue-000']);

    await addIssues(db.sql, 1, MANY);
    const many = { search: await cost(() => desk.search({ limit: MANY })), csv: await cost(csvLines), open: await cost(openPage) };
    expect(many.search.value).toHaveLength(MANY);
    expect(many.search.value[0]!.id).toBe(`issue-${MANY - 1}`);
    expect(many.search.statements).toBe(1);
    expect(many.search.statements).toBe(one.search.statements);
    expect(many.csv.statements).toBe(one.csv.statements);
    expect(many.csv.value.split('\r\n')).toHaveLength(MANY + 2);
    expect(many.open.statements).toBe(one.open.statements);

    // The answer as before: each issue as the store reads it by its id, newest first.
    const alone = await Promise.all(many.search.value.map((i) => store.issue(i.id)));
    expect(JSON.stringify(many.search.value)).toBe(JSON.stringify(alone));
    expect(many.search.value.find((i) => i.kind === 'device')).toMatchObject({
      deviceNames: { en: 'Ceiling microphone' },
      selfTest: { heard: { peakDb: -62.5 } },
    });
    expect(many.search.value.find((i) => i.kind === 'problem')?.rating).toBeTypeOf('number');
  });
});
