import { afterAll, afterEach, beforeEach, describe, expect, it } from 'vitest';
import { closeFleetPostgres, FLEET_BACKENDS, openTestFleetDatabase, type TestFleetDatabase } from '../tests/helpers/fleet-databases.js';
import { FleetIngest } from './fleet-ingest.js';
import { FleetStore } from './fleet-store.js';

const MAX_BATCH = 40;
const MESSAGES = MAX_BATCH * 4;

const feedback = (i: number) => ({
  topic: `roomctl/hq/room-${i % 5}/events`,
  payload: Buffer.from(JSON.stringify({ id: `e-${i}`, at: '2026-01-01T00:00:00.000Z', type: 'feedback', meetingId: 'm-1', rating: 5 })),
});

afterAll(closeFleetPostgres);

describe.each(FLEET_BACKENDS)('fleet ingest on %s', (backend) => {
  let db: TestFleetDatabase;
  let store: FleetStore;
  beforeEach(async () => {
    db = await openTestFleetDatabase(backend);
    store = await FleetStore.open(db.sql);
  });
  afterEach(async () => {
    await db.close();
  });

  it('a stop commits whole batches until its deadline, then leaves the rest unacknowledged and says how many', async () => {
    // The ingest's clock: each commit "takes" 3 s, so a 5 s stop has time for two batches.
    let clock = 0;
    const warnings: Array<Record<string, unknown>> = [];
    const ingest = new FleetIngest(store, {
      maxBatch: MAX_BATCH,
      flushMs: 1_000_000,
      now: () => clock,
      log: { warn: (fields: Record<string, unknown>) => void warnings.push(fields) },
    });
    ingest.on('batch', () => (clock += 3000));
    const acknowledged = new Set<string>();
    for (let i = 0; i < MESSAGES - 1; i++) {
      const { topic, payload } = feedback(i);
      ingest.push(topic, payload, () => acknowledged.add(`e-${i}`));
    }
    // Reaching a full batch started its commit; the rest waits for the (distant) flush timer.
    const stopping = ingest.stop(5000);
    // Received while stopping: neither queued nor acknowledged.
    const { topic, payload } = feedback(MESSAGES - 1);
    ingest.push(topic, payload, () => acknowledged.add(`e-${MESSAGES - 1}`));

    const report = await stopping;
    // The batch already committing when the stop began (ends at 3 s), and one more started before 5 s.
    const committed = MAX_BATCH * 2;
    expect(report.committed).toBe(committed);
    expect(report.left).toBe(MESSAGES - committed);
    expect(acknowledged.size).toBe(committed);
    expect([...acknowledged].every((id) => Number(id.slice(2)) < committed)).toBe(true);
    expect(await store.eventCount()).toBe(committed);
    expect(warnings).toEqual([{ committed, left: MESSAGES - committed, withinMs: 5000 }]);
    expect(ingest.stats.queued).toBe(0);
  });
});
