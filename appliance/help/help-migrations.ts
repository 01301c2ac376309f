import type { Migration } from '../store/migrations.js';
import { HELP_REQUESTS_SQL, HELP_RESOLVED_SQL } from './help-repository.js';

export const HELP_MIGRATIONS: readonly Migration[] = [
  { module: 'help', version: 1, legacyVersion: 7, name: 'help requests', sql: HELP_REQUESTS_SQL },
  { module: 'help', version: 2, name: 'help requests resolved by facilities', sql: HELP_RESOLVED_SQL },
];
