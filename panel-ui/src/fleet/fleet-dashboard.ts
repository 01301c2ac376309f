import { LitElement, css, html, nothing } from 'lit';
import type { FleetRoomSummary } from '../../../fleet/fleet-api-types.js';
import type { FleetApi } from './fleet-api.js';
import type { FleetFilter } from './fleet-filter-bar.js';
import type { IssueActionDetail } from './fleet-issue-list.js';
import type { RoomSelectDetail } from './fleet-room-tile.js';
import { FleetStreamController } from './fleet-stream-controller.js';
import './fleet-filter-bar.js';
import './fleet-issue-list.js';
import { storedOperatorName } from './fleet-operator-name.js';
import './fleet-operator-name.js';
import './fleet-room-detail.js';
import './fleet-room-tile.js';

const SEVERITY: Record<string, number> = { offline: 0, 'auth-failed': 1, degraded: 2, unknown: 3, ok: 4 };
/** Tiles drawn at most; a bigger fleet is narrowed with the filters (worst rooms come first). */
const MAX_TILES = 1500;

/** The fleet dashboard: every room as a tile, filters, the open issues, and the chosen room. */
export class FleetDashboard extends LitElement {
  static override properties = { api: { attribute: false }, filter: { state: true }, selected: { state: true }, busy: { state: true }, message: { state: true } };

  static override styles = css`
    :host { display: block; padding: 1em; }
    header { display: flex; flex-wrap: wrap; gap: 1em; align-items: baseline; justify-content: space-between; margin-bottom: 0.8em; }
    h1 { margin: 0; font-size: 1.4em; }
    .live { font-size: 0.85em; }
    .live.off { color: #ff6b6b; }
    .totals { font-size: 0.9em; color: #a9b4c0; }
    main { display: grid; grid-template-columns: minmax(0, 2fr) minmax(18em, 1fr); gap: 1em; margin-top: 0.8em; }
    @media (max-width: 900px) { main { grid-template-columns: 1fr; } }
    .tiles { display: grid; grid-template-columns: repeat(auto-fill, minmax(11em, 1fr)); gap: 0.5em; align-content: start; }
    aside { display: flex; flex-direction: column; gap: 1.2em; }
    .more, .message { color: #a9b4c0; font-size: 0.9em; }
  `;

  api!: FleetApi;
  filter: FleetFilter = { site: '', status: '' };
  selected: string | undefined;
  busy = new Set<string>();
  message = '';
  /** Who answers the issues (sent as `by`; the room's panel shows it). */
  private operator = storedOperatorName();
  private readonly stream = new FleetStreamController(this);

  private visibleRooms(): FleetRoomSummary[] {
    const { site, status } = this.filter;
    return [...this.stream.rooms.values()]
      .filter((r) => (!site || r.site === site) && (!status || r.worst === status))
      .sort((a, b) => SEVERITY[a.worst]! - SEVERITY[b.worst]! || a.site.localeCompare(b.site) || a.room.localeCompare(b.room));
  }

  private async onIssueAction(e: CustomEvent<IssueActionDetail>): Promise<void> {
    const { id, action } = e.detail;
    this.busy = new Set([...this.busy, id]);
    try {
      this.stream.putIssue(await this.api.issueAction(id, action, this.operator || undefined));
      this.message = '';
    } catch (err) {
      this.message = `Could not ${action}: ${(err as Error).message}`;
    } finally {
      const next = new Set(this.busy);
      next.delete(id);
      this.busy = next;
    }
  }

  override render() {
    const rooms = this.visibleRooms();
    const all = [...this.stream.rooms.values()];
    const sites = [...new Set(all.map((r) => r.site))].sort();
    const count = (s: string) => all.filter((r) => r.worst === s).length;
    const selected = this.selected ? this.stream.rooms.get(this.selected) : undefined;
    return html`
      <header>
        <h1>Fleet</h1>
        <span class="totals">${all.length} rooms · ${count('offline')} offline · ${count('auth-failed')} wrong password · ${count('degraded')} degraded · ${count('unknown')} unknown · ${count('ok')} ok</span>
        <span class="live ${this.stream.connected ? '' : 'off'}" data-live=${this.stream.connected ? 'yes' : 'no'}>${this.stream.connected ? '● live' : '○ reconnecting…'}</span>
      </header>
      <fleet-filter-bar .sites=${sites} .filter=${this.filter} @filter-change=${(e: CustomEvent<FleetFilter>) => (this.filter = e.detail)}></fleet-filter-bar>
      ${this.message ? html`<p class="message" role="alert">${this.message}</p>` : nothing}
      <main>
        <section class="tiles" @room-select=${(e: CustomEvent<RoomSelectDetail>) => (this.selected = `${e.detail.site}/${e.detail.room}`)}>
          ${rooms.slice(0, MAX_TILES).map((r) => html`<fleet-room-tile .room=${r} ?selected=${this.selected === `${r.site}/${r.room}`}></fleet-room-tile>`)}
          ${rooms.length > MAX_TILES ? html`<p class="more">${rooms.length - MAX_TILES} more rooms: narrow the filter.</p>` : nothing}
          ${all.length === 0 ? html`<p class="more">No room has reported yet.</p>` : nothing}
        </section>
        <aside>
          <fleet-operator-name @operator-change=${(e: CustomEvent<string>) => (this.operator = e.detail)}></fleet-operator-name>
          <fleet-issue-list .issues=${[...this.stream.issues.values()].sort((a, b) => b.openedAt.localeCompare(a.openedAt))} .busy=${this.busy} @issue-action=${(e: CustomEvent<IssueActionDetail>) => void this.onIssueAction(e)}></fleet-issue-list>
          ${selected ? html`<fleet-room-detail .api=${this.api} .summary=${selected}></fleet-room-detail>` : nothing}
        </aside>
      </main>
    `;
  }
}

customElements.define('fleet-dashboard', FleetDashboard);

declare global {
  interface HTMLElementTagNameMap {
    'fleet-dashboard': FleetDashboard;
  }
}
