import { LitElement, css, html, nothing } from 'lit';
import { customElement, property, state } from 'lit/decorators.js';
import type { FleetAlertView } from '../../../fleet/fleet-api-types.js';
import { alertWords } from './fleet-alert-words.js';
import { FleetWordsController, ft, when } from './fleet-words.js';

/** The most the list takes before it scrolls, in ems of its text. */
const LIST_EM = 14;

/**
 * The alerts the rules fired and resolved, newest first: what went to the webhooks and chats, on
 * screen too. The list is as tall as the whole alerts that fit in its room (it cut the last one
 * mid-line); the rest scroll, and a line under it says how many are below.
 */
@customElement('fleet-alert-list')
export class FleetAlertList extends LitElement {
  static override styles = css`
    :host { display: block; }
    h2 { font-size: 1.05em; margin: 0 0 0.5em; }
    ul { position: relative; list-style: none; margin: 0; padding: 0; display: flex; flex-direction: column; gap: 0.3em; max-height: ${LIST_EM}em; overflow: auto; scroll-snap-type: y proximity; }
    li { flex: none; scroll-snap-align: start; font-size: 0.85em; padding: 0.35em 0.5em; border-radius: 6px; background: #18212b; border-left: 4px solid #ff6b6b; }
    li[data-state='resolved'] { border-left-color: #40c057; }
    li[data-closed] { border-left-color: #5c6773; opacity: 0.7; }
    .meta { color: #a9b4c0; font-size: 0.9em; }
    .empty { color: #a9b4c0; font-size: 0.9em; }
    button.more { all: unset; cursor: pointer; display: block; margin-top: 0.3em; color: #a9b4c0; font-size: 0.85em; }
    button.more:focus-visible { outline: 2px solid #e8edf2; }
  `;

  @property({ attribute: false }) alerts: FleetAlertView[] = [];
  /** site/room → the room's name. */
  @property({ attribute: false }) roomNames = new Map<string, string>();
  /** Alerts below the list's visible part. */
  @state() private below = 0;
  private readonly words = new FleetWordsController(this);
  /** The list is fitted again when its width changes (its lines wrap anew). */
  private readonly resized = new ResizeObserver(() => this.fit());

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    this.resized.disconnect();
  }

  private get list(): HTMLUListElement | null {
    return this.renderRoot.querySelector('ul');
  }

  protected override updated(): void {
    const list = this.list;
    if (list) this.resized.observe(list);
    this.fit();
  }

  /** The list's height set to the whole alerts that fit in LIST_EM, then the count below told. */
  private fit(): void {
    const list = this.list;
    if (!list) return;
    const room = LIST_EM * Number.parseFloat(getComputedStyle(list).fontSize);
    const items = [...list.children] as HTMLElement[];
    let height = 0;
    for (const li of items) {
      const bottom = li.offsetTop + li.offsetHeight;
      if (bottom > room) break;
      height = bottom;
    }
    // At least the first alert, however long.
    const fitted = `${Math.max(height, items[0] ? items[0].offsetTop + items[0].offsetHeight : 0)}px`;
    if (list.style.maxHeight !== fitted) list.style.maxHeight = fitted;
    this.countBelow();
  }

  private countBelow(): void {
    const list = this.list;
    if (!list) return;
    const seen = list.scrollTop + list.clientHeight + 1;
    const below = [...list.children].filter((li) => (li as HTMLElement).offsetTop + (li as HTMLElement).offsetHeight > seen).length;
    if (below !== this.below) this.below = below;
  }

  override render() {
    return html`<h2>${ft('Alerts')}</h2>
      ${
        this.alerts.length === 0
          ? html`<p class="empty">${ft('No alert has fired.')}</p>`
          : html`<ul @scroll=${() => this.countBelow()}>${this.alerts.map((a, i) => {
              const words = alertWords(a, this.roomNames.get(`${a.site}/${a.room}`) ?? a.room);
              // A firing alert a newer one resolved (a help call dealt with, a device back) no longer asks for anything.
              const closed = a.state === 'firing' && this.alerts.slice(0, i).some((b) => b.key === a.key && b.state === 'resolved');
              return html`<li data-alert=${a.key} data-rule=${a.rule} data-state=${a.state} ?data-closed=${closed}><strong>${a.state === 'firing' ? '▲' : '▼'} ${words.title}</strong><div class="meta">${when(a.at)} · ${words.text}</div></li>`;
            })}</ul>
            ${
              this.below > 0
                ? html`<button class="more" data-more-alerts @click=${() => this.list?.scrollBy({ top: this.list.clientHeight, behavior: 'smooth' })}>${this.below === 1 ? ft('↓ 1 more alert below') : ft('↓ {n} more alerts below', { n: this.below })}</button>`
                : nothing
            }`
      }`;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'fleet-alert-list': FleetAlertList;
  }
}
