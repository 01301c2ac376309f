/**
 * "Only mine" shows the operator's own open issues the fleet paged, as the stream has them now:
 * one resolved or given away leaves the list and its total, one given to them meanwhile joins
 * both; issues older than the last page wait for "Show more" (the fleet's total already counts them).
 */
import { expect, it } from 'vitest';
import type { FleetIssue } from '../../../fleet/fleet-api-types.js';
import { newestIssueFirst, openIssuesCursor } from '../../../fleet/open-issues-page.js';
import { ownIssuesPaged, ownIssuesShown } from './fleet-own-issues.js';

const issue = (n: number, assignedTo: string | null, state: FleetIssue['state'] = 'open') =>
  ({ id: `i${n}`, openedAt: new Date(Date.UTC(2026, 2, 1, 8, n)).toISOString(), assignedTo, state }) as FleetIssue;
/** Bo's ten, newest first: the fleet paged the newest four, with six more to come. */
const bos = Array.from({ length: 10 }, (_, n) => issue(9 - n, 'Bo'));
const firstPage = ownIssuesPaged({ issues: bos.slice(0, 4), total: 10, next: openIssuesCursor(bos[3]!) }, []);
const shownNow = (stream: FleetIssue[]) => ownIssuesShown(firstPage, stream.filter((i) => i.state !== 'resolved').sort(newestIssueFirst), 'Bo');

it('shows the page the fleet gave, down to its oldest, with the fleet’s total', () => {
  const { shown, total } = shownNow([...bos, issue(20, 'Ana'), issue(21, null)]);
  expect(shown.map((i) => i.id)).toEqual(['i9', 'i8', 'i7', 'i6']);
  expect(total).toBe(10);
});

it('leaves out one resolved or given away since, and counts one given to the operator since', () => {
  const stream = [...bos.slice(2), issue(9, 'Bo', 'resolved'), issue(8, 'Ana'), issue(30, 'Bo')];
  const { shown, total } = shownNow(stream);
  expect(shown.map((i) => i.id)).toEqual(['i30', 'i7', 'i6']);
  expect(total).toBe(9);
});

it('shows every open issue of the operator once the fleet has no older ones', () => {
  const last = ownIssuesPaged({ issues: bos.slice(4), total: 10, next: null }, bos.slice(0, 4));
  const { shown, total } = ownIssuesShown(last, [issue(40, 'Bo'), ...bos], 'Bo');
  expect(shown).toHaveLength(11);
  expect(total).toBe(11);
});
