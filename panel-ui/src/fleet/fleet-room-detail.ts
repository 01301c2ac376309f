import { LitElement, css, html, nothing, type PropertyValues } from 'lit';
import { customElement, property, state } from 'lit/decorators.js';
import type { FleetEvent, FleetRoomDetail, FleetRoomSummary, RoomHistory } from '../../../fleet/fleet-api-types.js';
import type { FleetApi } from './fleet-api.js';
import { roomEventWords } from './fleet-event-words.js';
import { deviceFaultWords } from './fleet-device-fault-words.js';
import { metricWords } from './fleet-metric-words.js';
import './fleet-room-history.js';
import { statusColors } from './fleet-status-colors.js';
import { FleetWordsController, ft, nameIn, statusWord, when } from './fleet-words.js';
import { moreBelowStyles, WholeItemsController } from '../whole-items.js';

/** How many of a room's events its list keeps as new ones arrive. */
const RECENT_EVENTS_SHOWN = 100;

/**
 * A room's devices (by their names), the meeting running in it, its history and its recent
 * events. Reloads from the API whenever the room's summary changes (the stream pushes the
 * summary; the detail is fetched only for the room on screen).
 */
@customElement('fleet-room-detail')
export class FleetRoomDetailView extends LitElement {
  static override styles = [
    statusColors,
    moreBelowStyles,
    css`
      :host { display: block; }
      h2 { font-size: 1.1em; margin: 0 0 0.4em; }
      h3 { font-size: 1em; margin: 0.8em 0 0.3em; }
      table { width: 100%; border-collapse: collapse; font-size: 0.9em; }
      td, th { text-align: left; padding: 0.3em 0.4em; border-bottom: 1px solid #2c3a49; vertical-align: top; }
      .pill { display: inline-block; padding: 0.1em 0.6em; border-radius: 999px; font-weight: 700; background: var(--status-bg); color: var(--status-fg); }
      .detail, .metrics, .muted { color: #a9b4c0; font-size: 0.85em; }
      .meeting { color: #ffd43b; }
      /* Room for a three-digit number: a scrolled list clips what its numbers overhang ("100." of the last 100 events). */
      ol { padding-left: 2.6em; font-size: 0.85em; max-height: 14em; overflow: auto; }
      .error { color: #ff6b6b; }
      /* A short time ("3 min ago", "现在"): Chinese may break between any two characters, and the table would squeeze it to one a line. */
      [data-since] { white-space: nowrap; }
      /* A device's name breaks at spaces only: beside a long health line on a tablet, "前置摄像头" broke into "前置摄像" and "头". */
      td:first-child { word-break: keep-all; }
    `,
  ];

  @property({ attribute: false }) api!: FleetApi;
  @property({ attribute: false }) summary: FleetRoomSummary | undefined;
  /** The events the stream brought since the page opened (every room's, newest first): the room's newer ones join its list as they come. */
  @property({ attribute: false }) streamEvents: FleetEvent[] = [];
  @state() detail: FleetRoomDetail | undefined;
  @state() history: RoomHistory | undefined;
  @state() error = '';
  private loading = 0;
  private readonly words = new FleetWordsController(this);
  private readonly wholeEvents = new WholeItemsController(this, 'ol[data-events]');

  protected override updated(changed: PropertyValues<this>): void {
    if (!changed.has('summary') || !this.summary) return;
    const before = changed.get('summary');
    if (
      before &&
      before.site === this.summary.site &&
      before.room === this.summary.room &&
      before.updatedAt === this.summary.updatedAt &&
      before.worst === this.summary.worst &&
      before.openIssues === this.summary.openIssues
    )
      return;
    void this.load();
  }

  private async load(): Promise<void> {
    const s = this.summary;
    if (!s) return;
    const ticket = ++this.loading;
    try {
      const [detail, history] = await Promise.all([this.api.room(s.site, s.room), this.api.history(s.site, s.room)]);
      if (ticket === this.loading) (this.detail = detail), (this.history = history), (this.error = '');
    } catch (err) {
      if (ticket === this.loading) this.error = (err as Error).message;
    }
  }

  /** The room's events as fetched, with those the stream brought since in front (a room's events change no summary, so nothing fetches them again). */
  private recentEvents(fetched: FleetEvent[]): FleetEvent[] {
    const s = this.summary!;
    const newest = fetched[0]?.seq ?? -1;
    const arrived = this.streamEvents.filter((e) => e.site === s.site && e.room === s.room && e.seq > newest);
    return arrived.length ? [...arrived, ...fetched].slice(0, Math.max(fetched.length, RECENT_EVENTS_SHOWN)) : fetched;
  }

  override render() {
    const s = this.summary;
    if (!s) return html`<p>${ft('Choose a room.')}</p>`;
    const d = this.detail && this.detail.room.site === s.site && this.detail.room.room === s.room ? this.detail : undefined;
    const names = Object.fromEntries((d?.devices ?? []).map((dev) => [dev.deviceId, dev.names]));
    const events = d ? this.recentEvents(d.events) : [];
    return html`<h2>${s.name ?? s.room} <small class="muted">(${s.site}/${s.room} · ${s.online === 'offline' ? ft('appliance offline') : ft('appliance online')})</small></h2>
      ${this.error ? html`<p class="error">${this.error}</p>` : nothing}
      ${d?.meeting ? html`<p class="meeting" data-meeting>${d.meeting.title ? ft('In a meeting now: "{title}"', { title: d.meeting.title }) : ft('In a confidential meeting now')} (${ft('since')} ${when(d.meeting.since)})</p>` : nothing}
      ${
        d
          ? html`${d.devices.length === 0 ? html`<p class="muted" data-no-devices>${ft('No device has reported yet.')}</p>` : nothing}<table ?hidden=${d.devices.length === 0}>
              <thead><tr><th>${ft('Device')}</th><th>${ft('Health')}</th><th data-since>${ft('Since')}</th></tr></thead>
              <tbody>
                ${d.devices.map(
                  (dev) => html`<tr data-device=${dev.deviceId} data-status=${dev.status}>
                    <td>${nameIn(dev.names, dev.deviceId)}${dev.names ? html`<div class="muted">${dev.deviceId}</div>` : nothing}</td>
                    <td class="s-${dev.status}"><span class="pill">${statusWord(dev.status)}</span>
                      ${dev.detail ? html`<div class="detail">${dev.detail}</div>` : nothing}
                      ${dev.error ? html`<div class="detail code" data-code=${dev.error.code}>${[deviceFaultWords(dev.error.code), dev.error.code].filter(Boolean).join(' · ')}</div>` : nothing}
                      ${
                        Object.keys(dev.metrics).length
                          ? html`<div class="metrics">${Object.entries(dev.metrics)
                              .map(([k, v]) => metricWords(k, v))
                              .join(' · ')}</div>`
                          : nothing
                      }
                    </td>
                    <td data-since>${when(dev.since)}</td>
                  </tr>`,
                )}
              </tbody>
            </table>
            <fleet-room-history .api=${this.api} .history=${this.history} .names=${names}></fleet-room-history>
            <h3>${ft('Recent events')}</h3>
            ${events.length === 0 ? html`<p class="muted" data-no-events>${ft('No event yet.')}</p>` : nothing}
            <ol data-events ?hidden=${events.length === 0}>
              ${events.map((e) => {
                const { text, detail } = roomEventWords(e, names);
                return html`<li data-event=${e.type}>${when(e.at)} — <span data-event-words>${text}</span>${detail ? html` <span class="muted" data-event-detail>(${detail})</span>` : nothing}</li>`;
              })}
            </ol>
            ${this.wholeEvents.cue((n) => (n === 1 ? ft('↓ 1 more event below') : ft('↓ {n} more events below', { n })))}`
          : html`<p>${ft('Loading…')}</p>`
      }`;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'fleet-room-detail': FleetRoomDetailView;
  }
}
