import { FAULTS_CSV_MAX_ROWS } from '../../../fleet/export-bounds.js';

/**
 * What the room history's "Export CSV" asks for: every fault the list above it shows (the
 * export's own default, 1,000 rows, would cut a busy month short without a word), up to the
 * most one export carries; beyond that, the newest ones, and `cut` says how many the list has
 * so the dashboard can say the file holds fewer.
 */
export function faultsExport(site: string, room: string, listed: number): { path: string; filename: string; cut: { rows: number; of: number } | null } {
  const rows = Math.min(Math.max(listed, 1), FAULTS_CSV_MAX_ROWS);
  const query = new URLSearchParams({ site, room, limit: String(rows) });
  return {
    path: `/api/fleet/export/faults.csv?${query}`,
    filename: `faults-${site}-${room}.csv`,
    cut: listed > FAULTS_CSV_MAX_ROWS ? { rows, of: listed } : null,
  };
}
