/**
 * The dashboard's stream pushes the rooms and issues a batch changed. It read each one alone: a
 * broker back after an outage changes thousands of rooms at once, and the push raced the ingest
 * for the database with one query per room. They are read a chunk of 500 at a time, each as
 * reading it alone gives it. On SQLite and on a real PostgreSQL.
 */
import { afterAll, describe, expect, it } from 'vitest';
import { countedStatements } from '../tests/helpers/counted-statements.js';
import { closeFleetPostgres, FLEET_BACKENDS } from '../tests/helpers/fleet-databases.js';
import { useTestFleetStore } from '../tests/helpers/fleet-store-per-test.js';
import { parseFleetMessage, type FleetMessage } from './fleet-messages.js';
import { FleetStore } from './fleet-store.js';

const MANY = 600;
const T0 = Date.parse('2026-03-02T09:00:00Z');

function message(topic: string, body: unknown): FleetMessage {
  const parsed = parseFleetMessage(topic, Buffer.from(typeof body === 'string' ? body : JSON.stringify(body)));
  if (!parsed || 'error' in parsed) throw new Error(`not a fleet message: ${topic}`);
  return parsed;
}
const room = (i: number) => `room-${String(i).padStart(3, '0')}`;

afterAll(closeFleetPostgres);

describe.each(FLEET_BACKENDS)('on %s', (backend) => {
  const fleet = useTestFleetStore(backend);

  it(`reads 1 changed room and issue, and ${MANY}, in a statement per 500`, async () => {
    const { db, store } = fleet;
    // Rooms online with a device each, every third device offline; a help call in every room.
    await store.apply(
      Array.from({ length: MANY }, (_, i) => [
        message(`roomctl/hq/${room(i)}/status`, 'online'),
        message(`roomctl/hq/${room(i)}/devices/mic/health`, { status: i % 3 ? 'ok' : 'offline', since: new Date(T0).toISOString(), metrics: {}, at: T0 }),
      ]).flat(),
      T0,
    );
    await db.sql.transaction(async (tx) => {
      for (let i = 0; i < MANY; i++)
        await tx.run("INSERT INTO fleet_issues (id, kind, site, room, summary, opened_at, state) VALUES (?, 'help', 'hq', ?, 'Help', ?, 'open')", [
          `issue-${String(i).padStart(3, '0')}`,
          room(i),
          new Date(T0 + i * 1000).toISOString(),
        ]);
    });
    const counted = countedStatements(db.sql);
    const countedStore = await FleetStore.open(counted.sql);
    const cost = async <T>(read: () => Promise<T>) => {
      const before = counted.statements();
      const value = await read();
      return { statements: counted.statements() - before, value };
    };
    const keys = Array.from({ length: MANY }, (_, i) => ['hq', room(i)] as const);
    const ids = Array.from({ length: MANY }, (_, i) => `issue-${String(i).padStart(3, '0')}`);

    expect((await cost(() => countedStore.roomSummaries(keys.slice(0, 1)))).statements).toBe(1);
    expect((await cost(() => countedStore.issuesByIds(ids.slice(0, 1)))).statements).toBe(1);
    const rooms = await cost(() => countedStore.roomSummaries([...keys, ['hq', 'no-such-room']]));
    const issues = await cost(() => countedStore.issuesByIds([...ids, 'no-such-issue']));
    expect(rooms.statements).toBe(2);
    expect(issues.statements).toBe(2);

    // Each as reading it alone gives it; a room or issue that is not there is left out.
    expect(rooms.value).toHaveLength(MANY);
    expect(JSON.stringify(rooms.value)).toBe(JSON.stringify(await Promise.all(keys.map(([site, r]) => store.roomSummary(site, r)))));
    expect(rooms.value.find((r) => r.room === room(3))).toMatchObject({ counts: { offline: 1, ok: 0 }, openIssues: 1 });
    expect(issues.value).toHaveLength(MANY);
    const alone = new Map((await Promise.all(ids.map((id) => store.issue(id)))).map((i) => [i!.id, JSON.stringify(i)]));
    for (const issue of issues.value) expect(JSON.stringify(issue)).toBe(alone.get(issue.id));
  });
});
