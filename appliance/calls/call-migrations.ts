import type { Migration } from '../store/migrations.js';

/**
 * The calls module's store change: a booking keeps the links of its invitation (RFC 7986
 * CONFERENCE, Teams' meeting URL, URL, LOCATION) as JSON, so the online meeting can be
 * recognised when it is shown, against the config of the day. It runs after the meetings
 * module's, whose table it adds to.
 */
export const CALLS_MIGRATIONS: readonly Migration[] = [
  {
    module: 'calls',
    version: 1,
    name: "the links of a booking's invitation (online meetings)",
    sql: "ALTER TABLE meetings ADD COLUMN invite_links TEXT NOT NULL DEFAULT '{}';",
  },
];
