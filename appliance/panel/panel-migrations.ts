import type { Migration } from '../store/migrations.js';
import { PANELS_SQL } from './panel-repository.js';

export const PANEL_MIGRATIONS: readonly Migration[] = [{ module: 'panel', version: 1, legacyVersion: 6, name: 'paired touch panels', sql: PANELS_SQL }];
