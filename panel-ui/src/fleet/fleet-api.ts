import type { FleetIssue, FleetRoomDetail } from '../../../fleet/fleet-api-types.js';

/** The fleet view's HTTP API, as the dashboard uses it. */
export class FleetApi {
  constructor(private readonly token: string | null) {}

  async room(site: string, room: string): Promise<FleetRoomDetail> {
    return this.request<FleetRoomDetail>('GET', `/api/fleet/rooms/${encodeURIComponent(site)}/${encodeURIComponent(room)}?events=50`);
  }

  async issueAction(id: string, action: 'acknowledge' | 'resolve', by = 'facilities'): Promise<FleetIssue> {
    return this.request<FleetIssue>('POST', `/api/fleet/issues/${encodeURIComponent(id)}/${action}`, { by });
  }

  private async request<T>(method: string, path: string, body?: unknown): Promise<T> {
    const headers: Record<string, string> = {};
    if (body !== undefined) headers['content-type'] = 'application/json';
    if (this.token) headers.authorization = `Bearer ${this.token}`;
    const response = await fetch(path, { method, headers, body: body === undefined ? undefined : JSON.stringify(body) });
    const json = (await response.json().catch(() => ({}))) as T & { code?: string; message?: string };
    if (!response.ok) throw new Error(`${json.code ?? `HTTP ${response.status}`}: ${json.message ?? response.statusText}`);
    return json;
  }
}
