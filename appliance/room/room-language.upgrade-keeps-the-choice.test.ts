/**
 * The room's language moved from the panel's settings key (`panel.locale`) to the room's
 * (`room.locale`). A room whose admin chose a language before the upgrade keeps speaking it
 * after: the migration carries the choice over, with the time it was made.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, expect, it } from 'vitest';
import { ROOM_MIGRATIONS } from '../room-migrations.js';
import { openDatabase } from '../store/database.js';
import { storedSetting } from '../store/stored-setting.js';
import { RoomLanguage } from './room-language.js';
import { ROOM_LANGUAGE_MIGRATIONS } from './room-language-migrations.js';

let dir: string;
afterEach(() => rmSync(dir, { recursive: true, force: true }));

/** The store as the previous release left it: every migration but the move, and maybe the admin's choice under the old key. */
function previousRelease(choice: string | null): void {
  dir = mkdtempSync(join(tmpdir(), 'roomctl-language-'));
  const db = openDatabase(
    dir,
    ROOM_MIGRATIONS.filter((m) => !ROOM_LANGUAGE_MIGRATIONS.includes(m)),
  );
  if (choice) storedSetting(db, 'panel.locale').set(choice, '2026-11-20T08:00:00.000Z');
  db.close();
}

it('a room set to Chinese in the admin view before the upgrade still speaks Chinese after it', () => {
  previousRelease('zh-CN');
  const db = openDatabase(dir, ROOM_MIGRATIONS);
  try {
    const language = new RoomLanguage(db, 'en');
    expect(language.locale).toBe('zh-CN');
    const rows = db.prepare("SELECT key, value, updated_at AS at FROM settings WHERE key IN ('panel.locale', 'room.locale')").all();
    expect(rows).toEqual([{ key: 'room.locale', value: 'zh-CN', at: '2026-11-20T08:00:00.000Z' }]);
    // The choice is the room's now: clearing it goes back to the config's language, and the old key brings nothing back.
    language.setLocale(null);
    expect(language.locale).toBe('en');
  } finally {
    db.close();
  }
});

it('a room with no choice made keeps following its config', () => {
  previousRelease(null);
  const db = openDatabase(dir, ROOM_MIGRATIONS);
  try {
    expect(new RoomLanguage(db, 'zh-CN').locale).toBe('zh-CN');
    expect(new RoomLanguage(db, 'en').locale).toBe('en');
  } finally {
    db.close();
  }
});
