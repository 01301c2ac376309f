import { LitElement, css, html } from 'lit';
import { customElement, property } from 'lit/decorators.js';
import { FleetWordsController, ft, statusWord } from './fleet-words.js';

export interface FleetFilter {
  site: string;
  status: string;
  /** Part of a room's name or id, as typed: a large fleet's tiles are capped, so a room is found by what staff call it. */
  room: string;
}

/** Site, status and room-name filters; the dashboard owns the values (properties down, events up). */
@customElement('fleet-filter-bar')
export class FleetFilterBar extends LitElement {
  static override styles = css`
    :host { display: flex; gap: 1em; flex-wrap: wrap; align-items: center; }
    label { display: flex; gap: 0.4em; align-items: center; font-size: 0.9em; }
    input { font: inherit; padding: 0.3em 0.5em; border-radius: 6px; background: #18212b; color: inherit; border: 1px solid #2c3a49; }
    select { font: inherit; padding: 0.3em 0.5em; border-radius: 6px; background: #18212b; color: inherit; border: 1px solid #2c3a49; }
  `;

  @property({ attribute: false }) sites: string[] = [];
  @property({ attribute: false }) filter: FleetFilter = { site: '', status: '', room: '' };
  private readonly words = new FleetWordsController(this);

  private change(patch: Partial<FleetFilter>): void {
    this.dispatchEvent(new CustomEvent<FleetFilter>('filter-change', { detail: { ...this.filter, ...patch }, bubbles: true, composed: true }));
  }

  override render() {
    return html`
      <label>${ft('Room')}
        <input name="room" type="search" .value=${this.filter.room} placeholder=${ft('Name or id')} @input=${(e: Event) => this.change({ room: (e.target as HTMLInputElement).value })} />
      </label>
      <label>${ft('Site')}
        <select name="site" @change=${(e: Event) => this.change({ site: (e.target as HTMLSelectElement).value })}>
          <option value="" ?selected=${this.filter.site === ''}>${ft('All sites')}</option>
          ${this.sites.map((s) => html`<option value=${s} ?selected=${this.filter.site === s}>${s}</option>`)}
        </select>
      </label>
      <label>${ft('Status')}
        <select name="status" @change=${(e: Event) => this.change({ status: (e.target as HTMLSelectElement).value })}>
          <option value="" ?selected=${this.filter.status === ''}>${ft('Any status')}</option>
          ${['offline', 'auth-failed', 'degraded', 'unknown', 'ok'].map((s) => html`<option value=${s} ?selected=${this.filter.status === s}>${s === 'offline' ? ft('Appliance offline') : statusWord(s)}</option>`)}
        </select>
      </label>
    `;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'fleet-filter-bar': FleetFilterBar;
  }
  interface HTMLElementEventMap {
    'filter-change': CustomEvent<FleetFilter>;
  }
}
