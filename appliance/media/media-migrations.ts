import type { Migration } from '../store/migrations.js';
import { RECORDINGS_SQL } from './recordings-repository.js';

export const MEDIA_MIGRATIONS: readonly Migration[] = [
  { module: 'media', version: 1, legacyVersion: 5, name: 'recordings and their segment files', sql: RECORDINGS_SQL },
];
