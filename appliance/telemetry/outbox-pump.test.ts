import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { openDatabase, type Db } from '../store/database.js';
import { ROOM_MIGRATIONS } from '../room-migrations.js';
import { TelemetryOutbox } from './outbox.js';
import { OutboxPump, type OutboxPublisher } from './outbox-pump.js';

/** A publisher that holds every PUBACK until the test releases it, in any order. */
class HeldAcks implements OutboxPublisher {
  connected = true;
  sent: Array<{ payload: string; done: (error?: Error) => void }> = [];
  publish(_topic: string, payload: Buffer, _options: unknown, done: (error?: Error) => void): void {
    this.sent.push({ payload: payload.toString(), done });
  }
}

const turn = () => new Promise((r) => setImmediate(r));

describe('outbox pump', () => {
  let dir: string;
  let db: Db;
  let outbox: TelemetryOutbox;
  beforeEach(async () => {
    dir = await mkdtemp(join(tmpdir(), 'roomctl-pump-'));
    db = openDatabase(dir, ROOM_MIGRATIONS);
    outbox = new TelemetryOutbox(db, { maxMessages: 1000, maxAgeMs: 60_000 });
  });
  afterEach(async () => {
    db.close();
    await rm(dir, { recursive: true, force: true });
  });

  it('sends in order within its window and deletes only a contiguous acknowledged prefix', async () => {
    const publisher = new HeldAcks();
    const pump = new OutboxPump(outbox, publisher, 3);
    for (const p of ['a', 'b', 'c', 'd', 'e']) outbox.enqueue('t', p);
    await turn();
    expect(publisher.sent.map((s) => s.payload)).toEqual(['a', 'b', 'c']);
    publisher.sent[1]!.done(); // b before a: nothing may be deleted yet
    await turn();
    await turn();
    expect(outbox.depth).toBe(5);
    publisher.sent[0]!.done();
    await turn();
    await turn();
    expect(outbox.depth).toBe(3);
    expect(publisher.sent.map((s) => s.payload)).toEqual(['a', 'b', 'c', 'd', 'e']);
    pump.stop();
  });

  it('feeds nothing while disconnected and carries on after the reconnect', async () => {
    const publisher = new HeldAcks();
    publisher.connected = false;
    const pump = new OutboxPump(outbox, publisher, 10);
    outbox.enqueue('t', 'queued');
    await turn();
    expect(publisher.sent).toEqual([]);
    publisher.connected = true;
    pump.connected();
    expect(publisher.sent.map((s) => s.payload)).toEqual(['queued']);
    pump.stop();
  });

  it('sends again from the first unacknowledged message after a publish failed outright', async () => {
    const publisher = new HeldAcks();
    const pump = new OutboxPump(outbox, publisher, 10);
    for (const p of ['a', 'b']) outbox.enqueue('t', p);
    await turn();
    publisher.sent[0]!.done();
    publisher.sent[1]!.done(new Error('Connection closed'));
    await turn();
    pump.connected();
    expect(publisher.sent.map((s) => s.payload)).toEqual(['a', 'b', 'b']);
    pump.stop();
  });
});
