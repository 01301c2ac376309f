import type { Migration } from '../store/migrations.js';
import { HELP_REQUESTS_SQL } from './help-repository.js';

export const HELP_MIGRATIONS: readonly Migration[] = [{ module: 'help', version: 1, legacyVersion: 7, name: 'help requests', sql: HELP_REQUESTS_SQL }];
