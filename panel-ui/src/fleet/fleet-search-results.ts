import type { FleetIssue } from '../../../fleet/fleet-api-types.js';

/** The most issues a search lists. */
export const SEARCH_SHOWN = 200;

/**
 * What a search lists of what it found (asked for one more than it shows): the newest
 * SEARCH_SHOWN, and whether there were more — "Found 200" would tell an operator that was all.
 */
export function searchResults(found: FleetIssue[]): { shown: FleetIssue[]; more: boolean } {
  return { shown: found.slice(0, SEARCH_SHOWN), more: found.length > SEARCH_SHOWN };
}
