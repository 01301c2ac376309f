/**
 * "Only mine" in the open-issues column: the operator's own open issues as the fleet pages them
 * (`GET /api/fleet/open-issues?mine=true`), followed live by the stream from then on.
 */
import type { FleetIssue } from '../../../fleet/fleet-api-types.js';
import { newestIssueFirst, type OpenIssuesPage } from '../../../fleet/open-issues-page.js';

/** What the fleet's pages of the operator's own said, and which issues its total counted. */
export interface OwnIssuesPages {
  /** The issues the total counted that the column holds: the last page's, and those shown when it was asked for. */
  counted: ReadonlySet<string>;
  total: number;
  /** The oldest issue paged so far; `next` null when the fleet has none older. */
  last: FleetIssue | undefined;
  next: string | null;
}

/** A page of the operator's own come from the fleet, after `shown` (the column's own issues when it was asked for). */
export function ownIssuesPaged(page: OpenIssuesPage, shown: readonly FleetIssue[]): OwnIssuesPages {
  return { counted: new Set([...shown, ...page.issues].map((i) => i.id)), total: page.total, last: page.issues.at(-1) ?? shown.at(-1), next: page.next };
}

/**
 * The column's own issues: the open ones given to `me` as the stream has them now (`open`, newest
 * first), down to the oldest paged (all of them once the fleet has no more). The total is the
 * fleet's, less those counted that are no longer open and `me`'s, plus those given to `me` since.
 */
export function ownIssuesShown(pages: OwnIssuesPages, open: readonly FleetIssue[], me: string): { shown: FleetIssue[]; total: number } {
  const { last } = pages;
  const shown = open.filter((i) => i.assignedTo === me && (pages.next === null || !last || newestIssueFirst(i, last) <= 0));
  return { shown, total: pages.total - pages.counted.size + shown.length };
}
