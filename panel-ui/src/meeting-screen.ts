import { LitElement, css, html, nothing } from 'lit';
import type { DeviceView, PanelInfo, RoomNowView } from '../../appliance/api/api-types.js';
import { i18n, t } from './i18n.js';
import { LocaleController } from './locale-controller.js';
import { navigate, panelRequest } from './panel-events.js';
import { panelStyles } from './panel-styles.js';
import { serverNow } from './server-time.js';
import { TickController } from './tick-controller.js';
import './quick-controls.js';

/**
 * The meeting in progress: time left (big), the agenda with the current item and its time
 * left, the latest warning, and one-touch end and extend. The room's quick controls are
 * one touch away in the bar below (mute is in the bar itself).
 */
export class MeetingScreen extends LitElement {
  static override properties = {
    now: { attribute: false },
    warning: { attribute: false },
    devices: { attribute: false },
    presets: { attribute: false },
  };

  static override styles = [
    panelStyles,
    css`
      :host {
        display: grid;
        grid-template-columns: minmax(0, 1fr) minmax(0, 1.2fr);
        gap: 1em;
        align-content: start;
      }
      @media (orientation: portrait) {
        :host {
          grid-template-columns: 1fr;
        }
      }
      .main {
        display: grid;
        gap: 0.6em;
        align-content: start;
      }
      h2 {
        font-size: 1.5em;
      }
      .left {
        font-size: 3em;
        font-weight: 800;
        font-variant-numeric: tabular-nums;
        line-height: 1;
      }
      .left.low {
        color: #ffa94d;
      }
      /* Extend, extend, end: in one row where they fit, else "End" takes a row of its own
         (an 800-wide panel's half column cannot hold all three without cutting words). */
      .actions {
        display: flex;
        flex-wrap: wrap;
        gap: 0.5em;
      }
      .actions button {
        flex: 1 0 auto;
        min-height: 68px;
        white-space: nowrap;
        padding: 0.2em 0.6em;
      }
      .side {
        display: grid;
        gap: 0.8em;
        align-content: start;
      }
      .clock {
        display: flex;
        align-items: baseline;
        gap: 0.4em;
      }
      .warning {
        border-radius: 14px;
        padding: 0.6em 0.9em;
        background: #4a3a0c;
        border: 2px solid var(--soon);
        color: #ffe8a3;
        font-weight: 600;
      }
      ol {
        list-style: none;
        margin: 0;
        padding: 0;
        display: grid;
        gap: 0.4em;
      }
      li {
        display: grid;
        grid-template-columns: 1fr auto;
        gap: 0.2em 0.6em;
        padding: 0.5em 0.8em;
        border-radius: 12px;
        background: var(--surface);
        border: 1px solid var(--border);
      }
      li.current {
        border: 2px solid var(--accent-border);
        background: #17324f;
      }
      li.done {
        opacity: 0.6;
      }
      li.over .time {
        color: #ff8787;
      }
      .time {
        font-variant-numeric: tabular-nums;
        font-weight: 700;
      }
      .owner {
        grid-column: 1 / -1;
        font-size: 0.85em;
        color: var(--text-muted);
      }
      @media (max-height: 560px) {
        .noagenda {
          display: none;
        }
        .left {
          font-size: 2.2em;
        }
        .actions button {
          min-height: 56px;
        }
      }
    `,
  ];

  declare now: RoomNowView | null;
  /** The latest warning the room sent (end soon, agenda item over time), already in words. */
  declare warning: string | null;
  declare devices: DeviceView[];
  declare presets: PanelInfo['presets'];
  private readonly locale = new LocaleController(this);
  private readonly tick = new TickController(this);

  constructor() {
    super();
    this.now = null;
    this.warning = null;
    this.devices = [];
    this.presets = [];
  }

  override render() {
    const m = this.now?.current;
    if (!m) return nothing;
    const leftS = Math.round((Date.parse(m.end) - serverNow()) / 1000);
    const agenda = this.now?.agenda;
    // The agenda's remaining time is as of the last message; count it down locally.
    const sinceMessage = (serverNow() - Date.parse(this.now!.time)) / 1000;
    const itemLeft = agenda?.remainingSeconds === null || agenda?.remainingSeconds === undefined ? null : agenda.remainingSeconds - sinceMessage;
    const id = encodeURIComponent(m.id);
    return html`
      <div class="main">
        <h2 data-testid="meeting-title">${m.hidden ? t('Private meeting') : m.title}</h2>
        <p class="muted">${i18n.time(m.start)} – ${i18n.time(m.end)}</p>
        <p class="clock">
          <span class="left ${leftS < 300 ? 'low' : ''}" role="timer" aria-label=${t('Time left: {d}', { d: i18n.duration(leftS) })} data-testid="time-left">${i18n.clock(leftS)}</span>
          <span class="muted">${leftS >= 0 ? t('left') : t('over time')}</span>
        </p>
        ${this.warning ? html`<p class="warning" role="alert" data-testid="warning">${this.warning}</p>` : nothing}
        <div class="actions">
          <button type="button" data-testid="extend-15" @click=${() => this.extend(id, 15)} aria-label=${t('Extend by {n} minutes', { n: 15 })}>${t('+{n} min', { n: 15 })}</button>
          <button type="button" data-testid="extend-30" @click=${() => this.extend(id, 30)} aria-label=${t('Extend by {n} minutes', { n: 30 })}>${t('+{n} min', { n: 30 })}</button>
          <button type="button" class="danger" data-testid="end-meeting" @click=${() => this.end(id)}>${t('End meeting')}</button>
        </div>
        <button type="button" data-testid="open-minutes" @click=${() => navigate(this, 'minutes')}>${t('Notes, decisions, action items')}</button>
      </div>
      <div class="side">
      <section aria-label=${t('Agenda')}>
        ${agenda && agenda.items.length > 0
          ? html`<ol data-testid="agenda">
                ${agenda.items.map((item) => {
                  const current = item.position === agenda.currentPosition;
                  const done = item.endedAt !== null;
                  return html`<li class="${current ? 'current' : ''} ${done ? 'done' : ''} ${current && itemLeft !== null && itemLeft < 0 ? 'over' : ''}" aria-current=${current ? 'step' : nothing}>
                    <span>${item.title}</span>
                    <span class="time">${current && itemLeft !== null ? `${itemLeft < 0 ? '+' : ''}${i18n.clock(itemLeft)}` : t('{n} min', { n: item.minutes })}</span>
                    ${item.owner ? html`<span class="owner">${item.owner}</span>` : nothing}
                  </li>`;
                })}
              </ol>
              ${agenda.currentPosition !== null
                ? html`<p><button type="button" data-testid="agenda-next" @click=${() => this.nextItem(id)}>${t('Next agenda item')}</button></p>`
                : nothing}`
          : html`<p class="card muted noagenda">${t('No agenda for this meeting.')}</p>`}
      </section>
      <quick-controls class="card" .devices=${this.devices} .presets=${this.presets}></quick-controls>
      </div>
    `;
  }

  private extend(id: string, minutes: number): void {
    panelRequest(this, { label: t('Extend by {n} minutes', { n: minutes }), method: 'POST', path: `/api/v1/meetings/${id}/extend`, body: { minutes } });
  }

  private end(id: string): void {
    panelRequest(this, { label: t('End meeting'), method: 'POST', path: `/api/v1/meetings/${id}/end`, quiet: true });
  }

  private nextItem(id: string): void {
    panelRequest(this, { label: t('Next agenda item'), method: 'POST', path: `/api/v1/meetings/${id}/agenda/next`, quiet: true });
  }
}

customElements.define('meeting-screen', MeetingScreen);

declare global {
  interface HTMLElementTagNameMap {
    'meeting-screen': MeetingScreen;
  }
}
