import { LitElement, css, html, nothing } from 'lit';
import type { LinkedRoomView } from '../../appliance/meetings/linked-port.js';
import { t } from './i18n.js';
import { LocaleController } from './locale-controller.js';
import { panelStyles } from './panel-styles.js';

/** A device kind and status as the other room sends them ("camera offline"), in the panel's words. */
const KIND_WORDS: Record<string, string> = { camera: 'Camera', display: 'Display', dsp: 'Audio processor', microphone: 'Microphone', speakerphone: 'Speakerphone', 'badge-reader': 'Badge reader' };
const STATUS_WORDS: Record<string, string> = { offline: 'offline', degraded: 'degraded', unknown: 'not answering yet' };

function problemWords(line: string): string {
  const [kind = '', status = ''] = line.split(' ');
  const k = KIND_WORDS[kind];
  const s = STATUS_WORDS[status];
  return k && s ? t('{device} {status}', { device: t(k), status: t(s) }) : line;
}

/**
 * The rooms of a meeting held in several rooms: which one keeps the time (the host), how
 * many people checked in in each, and what is wrong there ("Shenzhen: Camera offline"), so
 * the host sees every room at a glance. Shown only for a linked meeting.
 */
export class LinkedRooms extends LitElement {
  static override properties = { rooms: { attribute: false } };

  static override styles = [
    panelStyles,
    css`
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
        align-items: baseline;
        gap: 0.4em;
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
    `,
  ];

  declare rooms: LinkedRoomView[];
  private readonly locale = new LocaleController(this);

  constructor() {
    super();
    this.rooms = [];
  }

  override render() {
    if (this.rooms.length === 0) return nothing;
    return html`<ul aria-label=${t('Rooms in this meeting')} data-testid="linked-rooms">
      ${this.rooms.map((r) => {
        const trouble = !r.online ? t('offline') : r.health.problems.map(problemWords).join(', ');
        return html`<li class="${r.host ? 'host' : ''} ${r.online ? '' : 'away'}" data-testid="linked-room" data-room="${r.site}/${r.room}">
          <span class="name">${r.name}</span>
          ${r.host ? html`<span data-testid="linked-host">${t('keeps the time')}</span>` : nothing}
          <span>${r.expected ? t('not joined yet') : t('{n} present', { n: r.present })}</span>
          ${trouble ? html`<span class="trouble" data-testid="linked-trouble">${trouble}</span>` : nothing}
        </li>`;
      })}
    </ul>`;
  }
}

customElements.define('linked-rooms', LinkedRooms);

declare global {
  interface HTMLElementTagNameMap {
    'linked-rooms': LinkedRooms;
  }
}
