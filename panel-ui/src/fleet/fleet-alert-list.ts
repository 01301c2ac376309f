import { LitElement, css, html } from 'lit';
import { customElement, property } from 'lit/decorators.js';
import type { FleetAlertView, FleetIssue } from '../../../fleet/fleet-api-types.js';
import { alertWords } from './fleet-alert-words.js';
import { fleetListStyles } from './fleet-list-styles.js';
import { FleetWordsController, ft, when } from './fleet-words.js';
import { moreBelowStyles, WholeItemsController } from '../whole-items.js';

/**
 * The alerts the rules fired and resolved, newest first: what went to the webhooks and chats, on
 * screen too. The list shows the whole alerts that fit (it cut the last one mid-line); the rest
 * scroll, and a line under it says how many are below.
 */
@customElement('fleet-alert-list')
export class FleetAlertList extends LitElement {
  static override styles = [
    moreBelowStyles,
    fleetListStyles,
    css`
      ul { list-style: none; margin: 0; padding: 0; display: flex; flex-direction: column; gap: 0.3em; max-height: 14em; overflow: auto; scroll-snap-type: y proximity; }
      li { flex: none; scroll-snap-align: start; font-size: 0.85em; padding: 0.35em 0.5em; border-radius: 6px; background: #18212b; border-left: 4px solid #ff6b6b; }
      li[data-state='resolved'] { border-left-color: #40c057; }
      li[data-closed] { border-left-color: #5c6773; opacity: 0.7; }
      .meta { color: #a9b4c0; font-size: 0.9em; }
    `,
  ];

  @property({ attribute: false }) alerts: FleetAlertView[] = [];
  /** site/room → the room's name. */
  @property({ attribute: false }) roomNames = new Map<string, string>();
  /** The issues the stream brought: a device's issue cleared after its alert says the room reported the device back. */
  @property({ attribute: false }) issues = new Map<string, FleetIssue>();
  private readonly words = new FleetWordsController(this);
  private readonly whole = new WholeItemsController(this, 'ul');

  override render() {
    return html`<h2>${ft('Alerts')}</h2>
      ${
        this.alerts.length === 0
          ? html`<p class="empty">${ft('No alert has fired.')}</p>`
          : html`<ul>${this.alerts.map((a, i) => {
              const words = alertWords(a, this.roomNames.get(`${a.site}/${a.room}`) ?? a.room, this.deviceBackSince(a));
              // A firing alert a newer one resolved (a help call dealt with, a device back) no longer asks for anything.
              const closed = a.state === 'firing' && this.alerts.slice(0, i).some((b) => b.key === a.key && b.state === 'resolved');
              return html`<li data-alert=${a.key} data-rule=${a.rule} data-state=${a.state} ?data-closed=${closed}><strong>${a.state === 'firing' ? '▲' : '▼'} ${words.title}</strong><div class="meta">${when(a.at)} · ${words.text}</div></li>`;
            })}</ul>
            ${this.whole.cue((n) => (n === 1 ? ft('↓ 1 more alert below') : ft('↓ {n} more alerts below', { n })))}`
      }`;
  }

  /** The room reported the alert's device back after the alert (the snapshot's alerts say it in `params.backAt`; this, as it happens). */
  private deviceBackSince(a: FleetAlertView): boolean {
    if (!a.deviceId) return false;
    for (const i of this.issues.values())
      if (i.kind === 'device' && i.site === a.site && i.room === a.room && i.deviceId === a.deviceId && i.clearedAt && i.clearedAt >= a.at) return true;
    return false;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'fleet-alert-list': FleetAlertList;
  }
}
