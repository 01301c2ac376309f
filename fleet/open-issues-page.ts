/**
 * The open issues a page at a time: the dashboard's column and `GET /api/fleet/open-issues`
 * (a large fleet's bad morning is hundreds of them). Shared with the dashboard, so no Node here.
 */
import type { FleetIssue } from './fleet-api-types.js';

/** Issues a page carries when no `limit` is asked for. */
export const OPEN_ISSUES_PAGE = 50;
/** The most one page carries. */
export const OPEN_ISSUES_MAX_PAGE = 200;

/** A page of the open issues, newest first, with how many are open in all and where the next page starts (null: none). */
export interface OpenIssuesPage {
  issues: FleetIssue[];
  total: number;
  next: string | null;
}

/** Where the page after `issue` starts: pages are keyed on (opened, id), so issues opened at the same moment keep their place. */
export const openIssuesCursor = (issue: Pick<FleetIssue, 'openedAt' | 'id'>): string => `${issue.openedAt}|${issue.id}`;

/** The newest first, ties by id: the order of the pages, and of the column. */
export const newestIssueFirst = (a: Pick<FleetIssue, 'openedAt' | 'id'>, b: Pick<FleetIssue, 'openedAt' | 'id'>): number =>
  b.openedAt.localeCompare(a.openedAt) || (a.id < b.id ? 1 : a.id > b.id ? -1 : 0);

/** The cursor's opening time and issue id (an opening time holds no `|`; an id may). */
export function readOpenIssuesCursor(cursor: string): { openedAt: string; id: string } {
  const bar = cursor.indexOf('|');
  return { openedAt: cursor.slice(0, bar), id: cursor.slice(bar + 1) };
}

/** The cursor as the route accepts it: an opening time, a bar, an issue id. */
export const OPEN_ISSUES_CURSOR_PATTERN = '^[^|]{1,40}\\|.{1,128}$';
