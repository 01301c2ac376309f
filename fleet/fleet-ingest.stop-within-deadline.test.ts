import { afterAll, describe, expect, it } from 'vitest';
import { closeFleetPostgres, FLEET_BACKENDS, feedbackMessage } from '../tests/helpers/fleet-databases.js';
import { useTestFleetStore } from '../tests/helpers/fleet-store-per-test.js';
import { FleetIngest } from './fleet-ingest.js';

const MAX_BATCH = 40;
const MESSAGES = MAX_BATCH * 4;

afterAll(closeFleetPostgres);

describe.each(FLEET_BACKENDS)('fleet ingest on %s', (backend) => {
  const fleet = useTestFleetStore(backend);

  it('a stop commits whole batches until its deadline, then leaves the rest unacknowledged and says how many', async () => {
    const { store } = fleet;
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
      const { topic, payload } = feedbackMessage(i);
      ingest.push(topic, payload, () => acknowledged.add(`e-${i}`));
    }
    // Reaching a full batch started its commit; the rest waits for the (distant) flush timer.
    const stopping = ingest.stop(5000);
    // Received while stopping: neither queued nor acknowledged.
    const { topic, payload } = feedbackMessage(MESSAGES - 1);
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
