/**
 * The room history's export holds what the list shows: the dashboard asks for as many rows as
 * the list has (not the export's default of 1,000), and past the most one export carries it
 * says the file holds only the newest ones.
 */
import { expect, it } from 'vitest';
import { FAULTS_CSV_DEFAULT_ROWS, FAULTS_CSV_MAX_ROWS } from '../../../fleet/export-bounds.js';
import { faultsExport } from './fleet-faults-export.js';

const limitOf = (path: string) => Number(new URL(path, 'http://fleet').searchParams.get('limit'));

it('asks for every listed fault past the default of 1,000', () => {
  const e = faultsExport('hq', 'aurora', FAULTS_CSV_DEFAULT_ROWS + 234);
  expect(limitOf(e.path)).toBe(FAULTS_CSV_DEFAULT_ROWS + 234);
  expect(new URL(e.path, 'http://fleet').searchParams.get('room')).toBe('aurora');
  expect(e.cut).toBeNull();
});

it('asks for the most one export carries, and says so, when the list has more', () => {
  const e = faultsExport('hq', 'aurora', FAULTS_CSV_MAX_ROWS + 1);
  expect(limitOf(e.path)).toBe(FAULTS_CSV_MAX_ROWS);
  expect(e.cut).toEqual({ rows: FAULTS_CSV_MAX_ROWS, of: FAULTS_CSV_MAX_ROWS + 1 });
});

it('names a site or room with a character a query cannot hold as it is', () => {
  expect(new URL(faultsExport('hq', 'a&b', 0).path, 'http://fleet').searchParams.get('room')).toBe('a&b');
});
