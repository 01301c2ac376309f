/**
 * A fleet's start brings every room online in its first batches. The help relay looks for
 * answers those rooms missed with one query a batch — it used to run one per room, thousands
 * of queries racing the ingest for the database — and the room that has an answer waiting
 * still hears it, once.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, expect, it } from 'vitest';
import { openFleetSql } from './fleet-database.js';
import type { FleetSql } from './fleet-sql.js';
import { emptyChanges, FleetStore } from './fleet-store.js';
import { HelpRelay } from './help-relay.js';

const cleanup: Array<() => Promise<unknown>> = [];
afterEach(async () => {
  for (const c of cleanup.splice(0).reverse()) await c();
});

it('looks once for the answers a thousand rooms back online missed, and tells the one that has one', async () => {
  const dir = await mkdtemp(join(tmpdir(), 'roomctl-relay-'));
  cleanup.push(() => rm(dir, { recursive: true, force: true }));
  const sql = await openFleetSql({ dataDir: dir });
  cleanup.push(() => sql.close());
  const store = await FleetStore.open(sql);
  const now = Date.parse('2026-03-01T10:00:00Z');
  // Staff acknowledged room-7's help call while the room was away: the room has not seen it.
  await sql.run(
    "INSERT INTO fleet_issues (id, kind, site, room, summary, opened_at, state, acknowledged_by, acknowledged_at) VALUES ('call-1', 'help', 'hq', 'room-7', 'Help requested', ?, 'acknowledged', 'ana', ?)",
    [new Date(now - 60_000).toISOString(), new Date(now - 30_000).toISOString()],
  );
  let queries = 0;
  const counting: FleetSql = {
    ...sql,
    dialect: sql.dialect,
    run: sql.run.bind(sql),
    transaction: sql.transaction.bind(sql),
    close: sql.close.bind(sql),
    query: (t, p) => (queries++, sql.query(t, p)),
  };
  const sent: string[] = [];
  const relay = new HelpRelay({
    sql: counting,
    store,
    key: { id: 'k1', secret: 'a-secret-of-thirty-two-characters!' },
    instanceId: 'fleet-a',
    publish: (topic) => sent.push(topic),
    changed: () => undefined,
    log: { info: () => undefined, warn: () => undefined },
    now: () => now,
  });

  const changes = emptyChanges();
  for (let r = 0; r < 1000; r++) changes.roomStatus.push({ site: 'hq', room: `room-${r}`, online: 'online' });
  await relay.observe(changes);

  expect(queries).toBe(1);
  expect(sent).toEqual(['roomctl/hq/room-7/cmd/ack-help']);
});
