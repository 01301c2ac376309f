import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createLogger } from '../../logger.js';
import { ManualClock } from '../../model/manual-clock.js';
import { openDatabase, type Db } from '../../store/database.js';
import { ROOM_MIGRATIONS } from '../../room-migrations.js';
import type { NotificationsConfig } from '../notify-config.js';
import { NotifyDispatcher } from '../notify-dispatcher.js';
import { Notifier } from '../notifier.js';
import { Outbox } from '../outbox.js';

export interface NotifyFixture {
  db: Db;
  clock: ManualClock;
  outbox: Outbox;
  dispatcher: NotifyDispatcher;
  notifier: Notifier;
  close(): Promise<void>;
}

/** Outbox + dispatcher + notifier over a real SQLite file and a ManualClock. */
export function notifyFixture(config: NotificationsConfig, start = '2026-04-01T08:00:00.000Z'): NotifyFixture {
  const dir = mkdtempSync(join(tmpdir(), 'roomctl-notify-'));
  const db = openDatabase(dir, ROOM_MIGRATIONS);
  const clock = new ManualClock(start);
  const outbox = new Outbox(db);
  const dispatcher = new NotifyDispatcher({
    outbox,
    config,
    clock,
    room: { id: 'aurora', name: 'Aurora', site: 'hq' },
    log: createLogger({ level: 'silent', pretty: false }),
    pollMs: 5000,
  });
  dispatcher.start();
  const notifier = new Notifier(config, outbox, dispatcher, () => clock.now());
  return {
    db,
    clock,
    outbox,
    dispatcher,
    notifier,
    async close() {
      await dispatcher.stop();
      db.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
