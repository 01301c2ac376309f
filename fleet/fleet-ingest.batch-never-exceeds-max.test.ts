import { afterAll, describe, expect, it } from 'vitest';
import { closeFleetPostgres, FLEET_BACKENDS, feedbackMessage } from '../tests/helpers/fleet-databases.js';
import { useTestFleetStore } from '../tests/helpers/fleet-store-per-test.js';
import { until } from '../tests/helpers/until.js';
import { FleetIngest } from './fleet-ingest.js';
import type { FleetMessage } from './fleet-messages.js';

const MAX_BATCH = 50;
// Three full batches and a part: the backlog arrives while the first commit has not started.
const MESSAGES = MAX_BATCH * 3 + 7;

const idOf = (m: FleetMessage) => (m.kind === 'event' ? m.event.id : '');

afterAll(closeFleetPostgres);

describe.each(FLEET_BACKENDS)('fleet ingest on %s', (backend) => {
  const fleet = useTestFleetStore(backend);

  it('commits a backlog maxBatch at a time, in arrival order, acknowledging each message only after its batch', async () => {
    const { store } = fleet;
    const ingest = new FleetIngest(store, { maxBatch: MAX_BATCH });
    const batches: string[][] = [];
    const acknowledged: string[] = [];
    // What was acknowledged when each batch was reported committed.
    const acknowledgedAtBatch: number[] = [];
    ingest.on('batch', (messages) => {
      batches.push(messages.map(idOf));
      acknowledgedAtBatch.push(acknowledged.length);
    });
    for (let i = 0; i < MESSAGES; i++) {
      const { topic, payload } = feedbackMessage(i);
      ingest.push(topic, payload, () => acknowledged.push(`e-${i}`));
    }
    expect(acknowledged).toEqual([]);
    await until(() => ingest.stats.queued === 0 && acknowledged.length === MESSAGES, 15_000, 'the backlog committed');

    expect(batches.map((b) => b.length)).toEqual([MAX_BATCH, MAX_BATCH, MAX_BATCH, 7]);
    const pushed = Array.from({ length: MESSAGES }, (_, i) => `e-${i}`);
    expect(batches.flat()).toEqual(pushed);
    expect(acknowledged).toEqual(pushed);
    expect(acknowledgedAtBatch).toEqual([MAX_BATCH, MAX_BATCH * 2, MAX_BATCH * 3, MESSAGES]);
    expect(await store.eventCount()).toBe(MESSAGES);
    expect(ingest.stats).toMatchObject({ received: MESSAGES, applied: MESSAGES, batches: 4, queued: 0 });
  });
});
