import { LitElement, css, html, nothing } from 'lit';
import type { FleetRoomSummary } from '../../../fleet/fleet-api-types.js';
import { STATUS_WORDS, statusColors } from './fleet-status-colors.js';

export interface RoomSelectDetail {
  site: string;
  room: string;
}

/** One room as a tile, coloured by its worst device (or offline when the appliance is gone). */
export class FleetRoomTile extends LitElement {
  static override properties = { room: { attribute: false }, selected: { type: Boolean, reflect: true } };

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

  room!: FleetRoomSummary;
  selected = false;

  override render() {
    const r = this.room;
    const c = r.counts;
    const counts = [c.offline && `${c.offline} offline`, c['auth-failed'] && `${c['auth-failed']} wrong password`, c.degraded && `${c.degraded} degraded`, c.unknown && `${c.unknown} unknown`].filter(Boolean).join(' · ');
    return html`<button
      class="s-${r.worst}"
      data-status=${r.worst}
      aria-pressed=${this.selected ? 'true' : 'false'}
      @click=${() => this.dispatchEvent(new CustomEvent<RoomSelectDetail>('room-select', { detail: { site: r.site, room: r.room }, bubbles: true, composed: true }))}
    >
      <span class="name">${r.name ?? r.room}</span>
      <span class="where">${r.site} / ${r.room}${r.online === 'offline' ? ' — appliance offline' : ''}</span>
      <span class="counts">${STATUS_WORDS[r.worst]}${counts ? `: ${counts}` : ''}</span>
      ${r.openIssues > 0 ? html`<span class="issues">${r.openIssues} open issue${r.openIssues > 1 ? 's' : ''}</span>` : nothing}
    </button>`;
  }
}

customElements.define('fleet-room-tile', FleetRoomTile);

declare global {
  interface HTMLElementTagNameMap {
    'fleet-room-tile': FleetRoomTile;
  }
  interface HTMLElementEventMap {
    'room-select': CustomEvent<RoomSelectDetail>;
  }
}
