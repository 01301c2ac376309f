import type {
  FleetAlertView,
  FleetIssue,
  FleetIssueAnswer,
  FleetIssueLogEntry,
  FleetNames,
  FleetRoomDetail,
  RoomHistory,
} from '../../../fleet/fleet-api-types.js';
import type { OpenIssuesPage } from '../../../fleet/open-issues-page.js';

export interface FleetActorView {
  name: string;
  role: 'operator' | 'admin';
}

export interface FleetTrends {
  flappers: Array<{ site: string; room: string; deviceId: string; deviceNames: FleetNames | null; faults: number }>;
  busiestRooms: Array<{ site: string; rooms: Array<{ room: string; issues: number }> }>;
}

export interface IssueQuery {
  state?: string;
  q?: string;
  room?: string;
  /** Only the issues given to the operator signed in. */
  mine?: boolean;
}

/** The fleet view's HTTP API, as the dashboard uses it: every call carries the operator's token. */
export class FleetApi {
  constructor(readonly token: string | null) {}

  me(): Promise<FleetActorView> {
    return this.request<FleetActorView>('GET', '/api/fleet/me');
  }

  room(site: string, room: string): Promise<FleetRoomDetail> {
    return this.request<FleetRoomDetail>('GET', `/api/fleet/rooms/${encodeURIComponent(site)}/${encodeURIComponent(room)}?events=50`);
  }

  history(site: string, room: string): Promise<RoomHistory> {
    return this.request<RoomHistory>('GET', `/api/fleet/rooms/${encodeURIComponent(site)}/${encodeURIComponent(room)}/history`);
  }

  trends(): Promise<FleetTrends> {
    return this.request<FleetTrends>('GET', '/api/fleet/trends');
  }

  alerts(): Promise<FleetAlertView[]> {
    return this.request<FleetAlertView[]>('GET', '/api/fleet/alerts?limit=30');
  }

  /** The issues found, newest first: `limit` of them at most (the fleet's default, 200, when not given). */
  issues(query: IssueQuery, limit?: number): Promise<FleetIssue[]> {
    const more = limit ? `&limit=${limit}` : '';
    return this.request<FleetIssue[]>('GET', `/api/fleet/issues?${queryString(query)}${more}`);
  }

  /**
   * A page of the open issues, newest first: the first, or the one after `after` (a page's `next`, or
   * the cursor of an issue shown); with `mine`, of those given to the operator signed in.
   */
  openIssues(limit: number, after?: string, mine = false): Promise<OpenIssuesPage> {
    const from = after ? `&after=${encodeURIComponent(after)}` : '';
    return this.request<OpenIssuesPage>('GET', `/api/fleet/open-issues?limit=${limit}${from}${mine ? '&mine=true' : ''}`);
  }

  issue(id: string): Promise<{ issue: FleetIssue; log: FleetIssueLogEntry[] }> {
    return this.request('GET', `/api/fleet/issues/${encodeURIComponent(id)}`);
  }

  /** The operator is whoever the token belongs to: nothing in the body says who. */
  issueAction(id: string, action: 'acknowledge' | 'resolve'): Promise<FleetIssueAnswer> {
    return this.request<FleetIssueAnswer>('POST', `/api/fleet/issues/${encodeURIComponent(id)}/${action}`, {});
  }

  /** Everyone an issue can be given to (names only). */
  operatorNames(): Promise<string[]> {
    return this.request<string[]>('GET', '/api/fleet/operators/names');
  }

  assign(id: string, to: string | null): Promise<FleetIssue> {
    return this.request<FleetIssue>('POST', `/api/fleet/issues/${encodeURIComponent(id)}/assign`, { to });
  }

  note(id: string, text: string): Promise<FleetIssueLogEntry> {
    return this.request<FleetIssueLogEntry>('POST', `/api/fleet/issues/${encodeURIComponent(id)}/notes`, { text });
  }

  /** Downloads a CSV export (fetched with the token, then saved by the browser). */
  /** Saves the answer as a file; resolves to its headers (an export says there whether it left older rows out). */
  async download(path: string, filename: string): Promise<Headers> {
    const response = await fetch(path, { headers: this.headers() });
    if (!response.ok) throw new Error(`HTTP ${response.status}`);
    const url = URL.createObjectURL(await response.blob());
    const a = Object.assign(document.createElement('a'), { href: url, download: filename });
    a.click();
    setTimeout(() => URL.revokeObjectURL(url), 10_000);
    return response.headers;
  }

  private headers(): Record<string, string> {
    return this.token ? { authorization: `Bearer ${this.token}` } : {};
  }

  private async request<T>(method: string, path: string, body?: unknown): Promise<T> {
    const headers = this.headers();
    if (body !== undefined) headers['content-type'] = 'application/json';
    const response = await fetch(path, { method, headers, body: body === undefined ? undefined : JSON.stringify(body) });
    const json = (await response.json().catch(() => ({}))) as T & { code?: string; message?: string };
    if (!response.ok)
      throw Object.assign(new Error(`${json.code ?? `HTTP ${response.status}`}: ${json.message ?? response.statusText}`), { status: response.status });
    return json;
  }
}

export function queryString(query: IssueQuery): string {
  const params = new URLSearchParams();
  for (const [k, v] of Object.entries(query)) if (v) params.set(k, String(v));
  return params.toString();
}
