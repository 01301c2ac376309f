import type { Migration } from '../store/migrations.js';

/**
 * The room's language is the room's, not the panel's: the admin's choice moves from the key the
 * panel kept it under (`panel.locale`) to `room.locale`, with the time it was made. A room
 * upgraded with a choice set keeps speaking that language.
 */
export const ROOM_LANGUAGE_MIGRATIONS: readonly Migration[] = [
  {
    module: 'room-language',
    version: 1,
    name: "the room's language under room.locale (was panel.locale)",
    sql: `
      INSERT OR IGNORE INTO settings (key, value, updated_at) SELECT 'room.locale', value, updated_at FROM settings WHERE key = 'panel.locale';
      DELETE FROM settings WHERE key = 'panel.locale';
    `,
  },
];
