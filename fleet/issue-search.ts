import type { IssueState } from './fleet-api-types.js';
import type { SqlValue } from './fleet-sql.js';

/** What staff look for among the issues (the list and its CSV export). */
export interface IssueSearch {
  state?: IssueState | 'unresolved';
  /** Words in the summary, the room, the device or the people named on it. */
  q?: string;
  /** `site/room`, or a room id alone. */
  room?: string;
  /** Only the issues given to this operator (the one asking, when a request says `mine`). */
  assignedTo?: string;
  limit?: number;
}

/** A request's query: the search's fields, and `mine` for the issues given to the operator asking. */
export type IssueQuery = Omit<IssueSearch, 'assignedTo'> & { mine?: boolean };

/** The search a request asks for: with `mine`, of the issues given to `operator` (the one whose token came with it). */
export function searchOf({ mine, ...query }: IssueQuery, operator: string): IssueSearch {
  return mine ? { ...query, assignedTo: operator } : query;
}

/** The WHERE clause of a search (the issue list's and its CSV export's), with its parameters. */
export function issueSearchWhere(s: Omit<IssueSearch, 'limit'>): { where: string; params: SqlValue[] } {
  const where: string[] = [];
  const params: SqlValue[] = [];
  if (s.state === 'unresolved') where.push("state != 'resolved'");
  else if (s.state) {
    where.push('state = ?');
    params.push(s.state);
  }
  if (s.room) {
    const [site, room] = s.room.includes('/') ? s.room.split('/', 2) : [undefined, s.room];
    if (site) {
      where.push('site = ?');
      params.push(site);
    }
    where.push('room = ?');
    params.push(room);
  }
  if (s.assignedTo !== undefined) {
    where.push('assigned_to = ?');
    params.push(s.assignedTo);
  }
  if (s.q) {
    // LOWER + LIKE: the same on both engines; the words are matched anywhere, as typed.
    const like = `%${s.q.toLowerCase().replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
    const fields = ['summary', 'room', 'site', 'device_id', 'comment', 'meeting', 'acknowledged_by', 'resolved_by', 'assigned_to'];
    where.push(
      `(${fields.map((f) => `LOWER(COALESCE(${f}, '')) LIKE ? ESCAPE '\\'`).join(' OR ')} OR id IN (SELECT issue_id FROM fleet_issue_log WHERE LOWER(COALESCE(text, '')) LIKE ? ESCAPE '\\'))`,
    );
    params.push(...fields.map(() => like), like);
  }
  return { where: where.length ? where.join(' AND ') : '1 = 1', params };
}
