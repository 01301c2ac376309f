import { LitElement, css, html } from 'lit';
import { customElement, property, state } from 'lit/decorators.js';
import type { FleetApi, FleetTrends } from './fleet-api.js';
import { FleetWordsController, ft, nameIn } from './fleet-words.js';

/** How often the trends are read again with nothing on the stream to say they changed. */
const TRENDS_READ_AGAIN_MS = 10 * 60_000;

/** Where the trouble gathers: the devices that fail most this week, and per site the rooms with most issues this month. */
@customElement('fleet-trends')
export class FleetTrendsView extends LitElement {
  static override styles = css`
    :host { display: block; font-size: 0.9em; }
    h2 { font-size: 1.05em; margin: 0 0 0.4em; }
    h3 { font-size: 0.95em; margin: 0.6em 0 0.2em; }
    ol { margin: 0; padding-left: 1.4em; }
    .muted { color: #a9b4c0; }
    button { font: inherit; font-size: 0.85em; padding: 0.2em 0.6em; border-radius: 6px; border: 1px solid #2c3a49; background: #243243; color: inherit; cursor: pointer; }
  `;

  @property({ attribute: false }) api!: FleetApi;
  @property({ attribute: false }) roomNames = new Map<string, string>();
  @state() trends: FleetTrends | undefined;
  /** Changes when the issues change: the trends are fetched again a moment later (once for a burst). */
  @property({ attribute: false }) issuesRevision = 0;
  private reload: ReturnType<typeof setTimeout> | undefined;
  /** Read again now and then: faults leave the windows as days pass, which no stream message says. */
  private every: ReturnType<typeof setInterval> | undefined;
  private readonly words = new FleetWordsController(this);

  protected override updated(changed: Map<string, unknown>): void {
    if (!changed.has('issuesRevision') || changed.get('issuesRevision') === undefined) return;
    this.reload ??= setTimeout(() => {
      this.reload = undefined;
      void this.load();
    }, 1000);
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    clearTimeout(this.reload);
    this.reload = undefined;
    clearInterval(this.every);
    this.every = undefined;
  }

  async load(): Promise<void> {
    this.trends = await this.api.trends().catch(() => this.trends);
  }

  override connectedCallback(): void {
    super.connectedCallback();
    void this.load();
    this.every ??= setInterval(() => void this.load(), TRENDS_READ_AGAIN_MS);
  }

  override render() {
    const t = this.trends;
    const room = (site: string, id: string) => this.roomNames.get(`${site}/${id}`) ?? id;
    return html`<h2>${ft('Trends')} <button name="refresh-trends" @click=${() => void this.load()}>${ft('Refresh')}</button></h2>
      ${
        !t
          ? html`<p class="muted">${ft('Loading…')}</p>`
          : html`<h3>${ft('Devices that fail most (7 days)')}</h3>
            ${t.flappers.length ? html`<ol>${t.flappers.map((f) => html`<li data-flapper=${f.deviceId}>${ft('{device} in {room}: {faults}', { device: nameIn(f.deviceNames, f.deviceId), room: room(f.site, f.room), faults: f.faults === 1 ? ft('1 fault') : ft('{n} faults', { n: f.faults }) })}</li>`)}</ol>` : html`<p class="muted">${ft('No fault this week.')}</p>`}
            ${t.busiestRooms.map((s) => html`<h3>${ft('Rooms with most issues at {site} (30 days)', { site: s.site })}</h3><ol>${s.rooms.map((r) => html`<li data-busiest-room=${r.room}>${ft('{room}: {issues}', { room: room(s.site, r.room), issues: r.issues === 1 ? ft('1 issue') : ft('{n} issues', { n: r.issues }) })}</li>`)}</ol>`)}
`
      }`;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'fleet-trends': FleetTrendsView;
  }
}
