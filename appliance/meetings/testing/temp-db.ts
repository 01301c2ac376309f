import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openDatabase, type Db } from '../../store/database.js';
import { ROOM_MIGRATIONS } from '../../room-migrations.js';

/** A real SQLite database with every migration, in a temp folder removed by `close()`. */
export function tempDb(): { db: Db; dir: string; close(): void } {
  const dir = mkdtempSync(join(tmpdir(), 'roomctl-meetings-'));
  const db = openDatabase(dir, ROOM_MIGRATIONS);
  return {
    db,
    dir,
    close() {
      db.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
