import { LitElement, css, html, nothing, type PropertyValues } from 'lit';
import type { FleetRoomDetail, FleetRoomSummary } from '../../../fleet/fleet-api-types.js';
import type { FleetApi } from './fleet-api.js';
import { STATUS_WORDS, statusColors } from './fleet-status-colors.js';

/**
 * A room's devices and history. Reloads from the API whenever the room's summary changes
 * (the stream pushes the summary; the detail is fetched only for the room on screen).
 */
export class FleetRoomDetailView extends LitElement {
  static override properties = { api: { attribute: false }, summary: { attribute: false }, detail: { state: true }, error: { state: true } };

  static override styles = [
    statusColors,
    css`
      :host { display: block; }
      h2 { font-size: 1.1em; margin: 0 0 0.4em; }
      table { width: 100%; border-collapse: collapse; font-size: 0.9em; }
      td, th { text-align: left; padding: 0.3em 0.4em; border-bottom: 1px solid #2c3a49; vertical-align: top; }
      .pill { display: inline-block; padding: 0.1em 0.6em; border-radius: 999px; font-weight: 700; background: var(--status-bg); color: var(--status-fg); }
      .detail, .metrics { color: #a9b4c0; font-size: 0.85em; }
      ol { padding-left: 1.2em; font-size: 0.85em; max-height: 18em; overflow: auto; }
      .error { color: #ff6b6b; }
    `,
  ];

  api!: FleetApi;
  summary: FleetRoomSummary | undefined;
  detail: FleetRoomDetail | undefined;
  error = '';
  private loading = 0;

  protected override updated(changed: PropertyValues<this>): void {
    if (!changed.has('summary') || !this.summary) return;
    const before = changed.get('summary');
    if (before && before.site === this.summary.site && before.room === this.summary.room && before.updatedAt === this.summary.updatedAt && before.worst === this.summary.worst && before.openIssues === this.summary.openIssues) return;
    void this.load();
  }

  private async load(): Promise<void> {
    const s = this.summary;
    if (!s) return;
    const ticket = ++this.loading;
    try {
      const detail = await this.api.room(s.site, s.room);
      if (ticket === this.loading) (this.detail = detail), (this.error = '');
    } catch (err) {
      if (ticket === this.loading) this.error = (err as Error).message;
    }
  }

  override render() {
    const s = this.summary;
    if (!s) return html`<p>Choose a room.</p>`;
    const d = this.detail && this.detail.room.site === s.site && this.detail.room.room === s.room ? this.detail : undefined;
    return html`<h2>${s.name ?? s.room} <small>(${s.site}/${s.room}, appliance ${s.online})</small></h2>
      ${this.error ? html`<p class="error">${this.error}</p>` : nothing}
      ${d
        ? html`<table>
              <thead><tr><th>Device</th><th>Health</th><th>Since</th></tr></thead>
              <tbody>
                ${d.devices.map(
                  (dev) => html`<tr data-device=${dev.deviceId} data-status=${dev.status}>
                    <td>${dev.deviceId}</td>
                    <td class="s-${dev.status}"><span class="pill">${STATUS_WORDS[dev.status]}</span>
                      ${dev.detail ? html`<div class="detail">${dev.detail}</div>` : nothing}
                      ${dev.error ? html`<div class="detail code" data-code=${dev.error.code}>${dev.error.code}</div>` : nothing}
                      ${Object.keys(dev.metrics).length ? html`<div class="metrics">${Object.entries(dev.metrics).map(([k, v]) => `${k} ${v}`).join(' · ')}</div>` : nothing}
                    </td>
                    <td>${dev.since ? new Date(dev.since).toLocaleString() : '—'}</td>
                  </tr>`,
                )}
              </tbody>
            </table>
            <h3>History</h3>
            <ol>
              ${d.events.map((e) => html`<li data-event=${e.type}>${new Date(e.at).toLocaleString()} — ${e.type}${e.deviceId ? ` (${e.deviceId})` : ''}${typeof e.body.detail === 'string' ? `: ${e.body.detail}` : ''}</li>`)}
            </ol>`
        : html`<p>Loading…</p>`}`;
  }
}

customElements.define('fleet-room-detail', FleetRoomDetailView);

declare global {
  interface HTMLElementTagNameMap {
    'fleet-room-detail': FleetRoomDetailView;
  }
}
