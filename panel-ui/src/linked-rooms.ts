import { css, html, nothing } from 'lit';
import { customElement, property, state } from 'lit/decorators.js';
import type { LinkedRoomView } from '../../appliance/meetings/linked-port.js';
import type { ApiClient } from './api-client.js';
import { t } from './i18n.js';
import { PanelElement } from './panel-element.js';
import { leftWords, problemWords } from './linked-room-words.js';
import { panelRequest } from './panel-events.js';

/**
 * The rooms of a meeting held in several rooms: which one keeps the time (the host), how
 * many people checked in in each, and what is wrong there ("Shenzhen: Camera offline"), so
 * the host sees every room at a glance. With a broker, "Rooms" links other rooms (those seen
 * on the broker) and hands the time to another linked room — in a room an invitation brought in,
 * neither: it links no room, and hands the time on only while it keeps it.
 */
@customElement('linked-rooms')
export class LinkedRooms extends PanelElement {
  static override styles = css`
    :host {
      display: block;
      min-height: 0;
    }
    ul {
      list-style: none;
      margin: 0;
      padding: 0;
      display: flex;
      flex-wrap: wrap;
      gap: 0.35em;
      max-height: 5.6em;
      overflow-y: auto;
    }
    li {
      display: flex;
      /* A long chip (the host's, with a device in trouble) breaks between its parts, never inside the room's name. */
      flex-wrap: wrap;
      align-items: baseline;
      column-gap: 0.4em;
      padding: 0.25em 0.6em;
      border-radius: 999px;
      background: var(--surface);
      border: 1px solid var(--border);
      font-size: 0.85em;
      max-width: 100%;
    }
    li.host {
      border: 2px solid var(--accent-border);
    }
    li.away {
      opacity: 0.6;
    }
    .name {
      font-weight: 700;
      overflow-wrap: anywhere;
    }
    .trouble {
      color: #ffa94d;
    }
    .row {
      display: flex;
      align-items: center;
      gap: 0.5em;
    }
    .row ul {
      flex: 1;
    }
    .rooms-button {
      min-height: 48px;
      padding: 0.2em 0.8em;
      white-space: nowrap;
    }
    dialog {
      max-width: min(30em, 92vw);
      max-height: 90vh;
      overflow-y: auto;
    }
    dialog h3 {
      font-size: 1em;
      color: var(--text-muted);
      margin: 0.4em 0;
    }
    .choices {
      display: flex;
      flex-wrap: wrap;
      gap: 0.4em;
    }
    .choices button {
      min-height: 48px;
    }
  `;

  @property({ attribute: false }) rooms: LinkedRoomView[] = [];
  @property({ attribute: false }) meetingId = '';
  @property({ attribute: false }) linkable = false;
  /** Whether this room may link rooms to the meeting: not when an invitation brought it here (the organiser's room decides who takes part). */
  @property({ attribute: false }) linksRooms = true;
  /** Whether this room may hand the time to another room: where an invitation brought it here, only while it keeps the time. */
  @property({ attribute: false }) handsTimeOver = true;
  @property({ attribute: false }) api: ApiClient | null = null;
  @state() choosing = false;
  @state() known: { site: string; room: string; online: boolean }[] | null = null;

  override render() {
    if (this.rooms.length === 0 && !this.linkable) return nothing;
    return html`<div class="row">
        ${
          this.rooms.length > 0
            ? html`<ul aria-label=${t('Rooms in this meeting')} data-testid="linked-rooms">
              ${this.rooms.map((r) => {
                const trouble = !r.online ? t('offline') : r.health.problems.map(problemWords).join(', ');
                return html`<li class="${r.host ? 'host' : ''} ${r.online && !r.released ? '' : 'away'}" data-testid="linked-room" data-room="${r.site}/${r.room}">
                  <span class="name">${r.name}</span>
                  ${r.host ? html`<span data-testid="linked-host">${t('keeps the time')}</span>` : nothing}
                  ${
                    r.released
                      ? html`<span data-testid="linked-left">${leftWords(r.released.by)}</span>`
                      : html`<span>${r.expected ? t('not joined yet') : t('{n} present', { n: r.present })}</span>`
                  }
                  ${trouble ? html`<span class="trouble" data-testid="linked-trouble">${trouble}</span>` : nothing}
                </li>`;
              })}
            </ul>`
            : nothing
        }
        ${this.linkable ? html`<button type="button" class="rooms-button" data-testid="link-rooms" @click=${() => void this.open()}>${t('Rooms')}</button>` : nothing}
      </div>
      ${this.choosing ? this.dialog() : nothing}`;
  }

  /** Link another room seen on the broker; hand the time to a linked room. */
  private dialog() {
    const inMeeting = new Set(this.rooms.map((r) => `${r.site}/${r.room}`));
    const others = (this.known ?? []).filter((r) => r.online && !inMeeting.has(`${r.site}/${r.room}`));
    const handTo = this.rooms.filter((r) => !r.host && r.online && !r.released);
    return html`<dialog class="rooms" data-testid="rooms-dialog" aria-labelledby="rooms-q" @close=${() => (this.choosing = false)}>
      <h3 id="rooms-q">${t('Link another room to this meeting')}</h3>
      ${
        this.linksRooms
          ? html`<div class="choices">
              ${this.known === null ? html`<p class="muted">${t('Looking for rooms…')}</p>` : others.length === 0 ? html`<p class="muted">${t('No other room is online.')}</p>` : nothing}
              ${others.map((r) => html`<button type="button" data-testid="link-room" data-room="${r.site}/${r.room}" @click=${() => this.link(`${r.site}/${r.room}`)}>${r.site}/${r.room}</button>`)}
            </div>`
          : html`<p class="muted" data-testid="links-from-organiser">${t("Only the organiser's room links rooms to this meeting.")}</p>`
      }
      ${
        !this.handsTimeOver && this.rooms.length > 0
          ? html`<h3>${t('Hand the time to')}</h3>
            <p class="muted" data-testid="time-from-organiser">${t("Only the organiser's room gives or takes the time; this room can hand it on while it keeps it.")}</p>`
          : handTo.length > 0
            ? html`<h3>${t('Hand the time to')}</h3>
              <div class="choices">${handTo.map((r) => html`<button type="button" data-testid="hand-over" data-room="${r.site}/${r.room}" @click=${() => this.handOver(`${r.site}/${r.room}`)}>${r.name}</button>`)}</div>`
            : nothing
      }
      <div class="choices"><button type="button" data-testid="rooms-close" autofocus @click=${() => (this.choosing = false)}>${t('Close')}</button></div>
    </dialog>`;
  }

  protected override updated(): void {
    const dialog = this.renderRoot.querySelector<HTMLDialogElement>('dialog.rooms');
    if (dialog && !dialog.open) dialog.showModal();
  }

  private async open(): Promise<void> {
    this.choosing = true;
    this.known = null;
    try {
      this.known = (await this.api!.get<{ rooms: { site: string; room: string; online: boolean }[] }>('/api/v1/linked-rooms')).rooms;
    } catch {
      this.known = [];
    }
  }

  private link(room: string): void {
    this.change(t('Link {room}', { room }), t('{room} is now in this meeting', { room }), 'links', { rooms: [room] });
  }

  private handOver(room: string): void {
    this.change(t('Hand the time to {room}', { room }), t('{room} now keeps the time', { room }), 'host', { room });
  }

  /** Closes the chooser and sends the meeting's change of rooms through the panel. */
  private change(label: string, success: string, what: 'links' | 'host', body: object): void {
    this.choosing = false;
    panelRequest(this, { label, success, method: 'POST', path: `/api/v1/meetings/${encodeURIComponent(this.meetingId)}/${what}`, body });
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'linked-rooms': LinkedRooms;
  }
}
