import { LitElement, css, html, nothing } from 'lit';
import { customElement, property } from 'lit/decorators.js';
import type { FleetRoomSummary } from '../../../fleet/fleet-api-types.js';
import { statusColors } from './fleet-status-colors.js';
import { FleetWordsController, ft, statusWord } from './fleet-words.js';

/** How long after a room's last event past its bound its tile says so. */
const HELD_BACK_SHOWN_MS = 86_400_000;

export interface RoomSelectDetail {
  site: string;
  room: string;
}

/** One room as a tile: offline only when its appliance is gone; a room with a device down is degraded. */
@customElement('fleet-room-tile')
export class FleetRoomTile extends LitElement {
  static override styles = [
    statusColors,
    css`
      :host { display: block; }
      button {
        all: unset;
        box-sizing: border-box;
        display: flex;
        flex-direction: column;
        gap: 0.25em;
        width: 100%;
        min-height: 5.2em;
        padding: 0.6em 0.7em;
        border-radius: 10px;
        cursor: pointer;
        background: var(--status-bg);
        color: var(--status-fg);
      }
      button:focus-visible { outline: 3px solid #e8edf2; outline-offset: 2px; }
      :host([selected]) button { outline: 3px solid #e8edf2; }
      .name { font-weight: 700; overflow-wrap: anywhere; }
      .where, .counts { font-size: 0.8em; }
      .issues { font-size: 0.8em; font-weight: 700; }
    `,
  ];

  @property({ attribute: false }) room!: FleetRoomSummary;
  @property({ type: Boolean, reflect: true }) selected = false;
  private readonly words = new FleetWordsController(this);

  override render() {
    const r = this.room;
    const c = r.counts;
    const counts = [
      c.offline && ft('{n} offline', { n: c.offline }),
      c['auth-failed'] && ft('{n} wrong password', { n: c['auth-failed'] }),
      c.degraded && ft('{n} degraded', { n: c.degraded }),
      c.unknown && ft('{n} unknown', { n: c.unknown }),
    ]
      .filter(Boolean)
      .join(' · ');
    return html`<button
      class="s-${r.worst}"
      data-status=${r.worst}
      aria-pressed=${this.selected ? 'true' : 'false'}
      @click=${() => this.dispatchEvent(new CustomEvent<RoomSelectDetail>('room-select', { detail: { site: r.site, room: r.room }, bubbles: true, composed: true }))}
    >
      <span class="name">${r.name ?? r.room}</span>
      <span class="where">${r.site} / ${r.room}</span>
      ${
        // Said once. With the appliance gone its devices' counts are only what it said last: the room's detail lists them.
        r.online === 'offline'
          ? html`<span class="counts" data-appliance="offline">${ft('Appliance offline')}</span>`
          : html`<span class="counts">${statusWord(r.worst)}${counts ? `: ${counts}` : ''}</span>`
      }
      ${r.openIssues > 0 ? html`<span class="issues">${r.openIssues === 1 ? ft('1 open issue') : ft('{n} open issues', { n: r.openIssues })}</span>` : nothing}
      ${
        // The room sent events faster than its bound (a fault storm, or its broker login in the wrong hands): the rest were counted,
        // not stored. Told for a day after the last one; the count is the room's total.
        r.eventsHeldBack && Date.now() - r.eventsHeldBack.lastAt < HELD_BACK_SHOWN_MS
          ? html`<span class="issues" data-events-held-back title=${ft('last {time}', { time: new Date(r.eventsHeldBack.lastAt).toLocaleString() })}>${ft('{n} events not stored: sent too fast', { n: r.eventsHeldBack.events.toLocaleString() })}</span>`
          : nothing
      }
    </button>`;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'fleet-room-tile': FleetRoomTile;
  }
  interface HTMLElementEventMap {
    'room-select': CustomEvent<RoomSelectDetail>;
  }
}
