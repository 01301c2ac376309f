/**
 * An issue search lists the newest 200 of what it found and knows when there were more, so
 * the dashboard does not say "Found 200" of a search that matched thousands.
 */
import { expect, it } from 'vitest';
import type { FleetIssue } from '../../../fleet/fleet-api-types.js';
import { SEARCH_SHOWN, searchResults } from './fleet-search-results.js';

const issues = (n: number) => Array.from({ length: n }, (_, i) => ({ id: `i${i}` }) as FleetIssue);

it('lists all it found up to the most a search shows', () => {
  expect(searchResults(issues(SEARCH_SHOWN))).toEqual({ shown: issues(SEARCH_SHOWN), more: false });
});

it('lists the newest and says there are more when it found more', () => {
  const { shown, more } = searchResults(issues(SEARCH_SHOWN + 1));
  expect(shown.map((i) => i.id)).toEqual(issues(SEARCH_SHOWN).map((i) => i.id));
  expect(more).toBe(true);
});
