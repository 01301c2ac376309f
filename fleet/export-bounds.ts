/**
 * What the dashboard needs to know of the CSV exports' bounds (it asks for a number of rows
 * and says when the file holds fewer than were found).
 */

/** Rows of the faults export when the caller names no `limit`. */
export const FAULTS_CSV_DEFAULT_ROWS = 1000;
/** The most rows one faults export carries (a month of a large fleet's faults can be far more). */
export const FAULTS_CSV_MAX_ROWS = 10_000;

/** Rows of the issues export when the caller names no `limit`. */
export const ISSUES_CSV_DEFAULT_ROWS = 1000;
/** The most rows one issues export carries, newest first. */
export const ISSUES_CSV_MAX_ROWS = 10_000;

/** Answer header of an export: `true` when rows older than the last one given were left out (the limit was reached). */
export const MORE_ROWS_HEADER = 'x-roomctl-more-rows';
