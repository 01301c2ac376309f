import { html, nothing } from 'lit';
import { customElement, property, state } from 'lit/decorators.js';
import type { CallStatus, DeviceView, PanelInfo, RoomNowView } from '../../appliance/api/api-types.js';
import { agendaItemTime } from './agenda-item-time.js';
import type { ApiClient } from './api-client.js';
import { i18n, t } from './i18n.js';
import { meetingTitle } from './meeting-title.js';
import { warningWords, type WarningNotice } from './meeting-warning.js';
import { meetingScreenStyles } from './meeting-screen-styles.js';
import { PanelElement } from './panel-element.js';
import { navigate, panelRequest } from './panel-events.js';
import { serverNow } from './server-time.js';
import { TickController } from './tick-controller.js';
import './linked-rooms.js';
import './call-button.js';
import './quick-controls.js';

/**
 * The meeting in progress: time left (big), the agenda with the current item and its time
 * left, the latest warning, and one-touch end and extend. The room's quick controls are
 * one touch away in the bar below (mute is in the bar itself).
 */
@customElement('meeting-screen')
export class MeetingScreen extends PanelElement {
  static override styles = meetingScreenStyles;

  @property({ attribute: false }) now: RoomNowView | null = null;
  /**
   * The latest warning the room sent (end soon, agenda item over time): worded at each of the
   * screen's ticks, so it follows the clock ("1 min left" becomes "over its time").
   */
  @property({ attribute: false }) warning: WarningNotice | null = null;
  @property({ attribute: false }) devices: DeviceView[] = [];
  @property({ attribute: false }) presets: PanelInfo['presets'] = [];
  /** The panel's API client (the linked rooms' dialog reads the rooms on the broker). */
  @property({ attribute: false }) api: ApiClient | null = null;
  /** The room's online call (from the status), when the room joins calls. */
  @property({ attribute: false }) call: CallStatus | undefined;
  @state() confirmingEnd = false;
  private shownPosition: number | null = null;
  private observedList: Element | null = null;
  private readonly resized = new ResizeObserver(() => this.keepCurrentItemInView());
  private readonly tick = new TickController(this);

  override render() {
    const m = this.now?.current;
    if (!m) return nothing;
    const leftS = Math.round((Date.parse(m.end) - serverNow()) / 1000);
    const agenda = this.now?.agenda;
    // The agenda's remaining time is as of the last message; count it down locally.
    const sinceMessage = (serverNow() - Date.parse(this.now!.time)) / 1000;
    const itemLeft = agenda?.remainingSeconds === null || agenda?.remainingSeconds === undefined ? null : agenda.remainingSeconds - sinceMessage;
    const id = encodeURIComponent(m.id);
    const warning = warningWords(this.warning, this.now, serverNow());
    // A linked meeting lists its rooms above the agenda; otherwise "Rooms" (link one) sits in the agenda's head, taking no row.
    const linked = (m.rooms?.length ?? 0) > 0;
    const roomsOf = (rooms: typeof m.rooms) =>
      html`<linked-rooms .rooms=${rooms ?? []} .meetingId=${m.id} .linkable=${this.now?.linkable === true} .linksRooms=${m.linksRooms !== false} .handsTimeOver=${m.handsTimeOver !== false} .api=${this.api}></linked-rooms>`;
    const linkButton = !linked && this.now?.linkable ? roomsOf([]) : nothing;
    return html`
      <div class="main">
        ${meetingTitle(m, 'meeting-title')}
        <p class="muted times">${i18n.time(m.start)} – ${i18n.time(m.end)}</p>
        <p class="clock">
          <span class="left ${leftS < 300 ? 'low' : ''}" role="timer" aria-label=${t('Time left: {d}', { d: i18n.duration(leftS) })} data-testid="time-left">${i18n.clock(leftS)}</span>
          <span class="muted">${leftS >= 0 ? t('left') : t('over time')}</span>
        </p>
        ${warning ? html`<p class="warning" role="alert" data-testid="warning">${warning}</p>` : nothing}
        <div class="actions">
          <button type="button" data-testid="extend-15" @click=${() => this.extend(id, 15)} aria-label=${t('Extend by {n} minutes', { n: 15 })}>${t('+{n} min', { n: 15 })}</button>
          <button type="button" data-testid="extend-30" @click=${() => this.extend(id, 30)} aria-label=${t('Extend by {n} minutes', { n: 30 })}>${t('+{n} min', { n: 30 })}</button>
          <button type="button" class="danger" data-testid="end-meeting" @click=${() => (this.confirmingEnd = true)}>${t('End meeting')}</button>
        </div>
        <div class="more">
          <button type="button" class="minutes" data-testid="open-minutes" @click=${() => navigate(this, 'minutes')}><span class="long">${t('Notes, decisions, action items')}</span><span class="short">${t('Notes and decisions')}</span></button>
          <button type="button" class="minutes" data-testid="open-floor" aria-label=${`${t('Floor and polls')}: ${this.floorSummary(m)}`} @click=${() => navigate(this, 'floor')}><span>${this.floorSummary(m)}</span></button>
        </div>
      </div>
      <div class="side">
        ${linked ? roomsOf(m.rooms) : nothing}
        <call-button .meeting=${m} .call=${this.call} ?check-failed=${this.now?.selfTest?.failed.includes('call') === true}></call-button>
        <section class="agenda ${agenda && agenda.items.length > 0 ? '' : 'empty'}" aria-label=${t('Agenda')}>
          ${
            agenda && agenda.items.length > 0
              ? html`<div class="agenda-head">
                  <h3>${t('Agenda')}</h3>
                  ${linkButton}
                  ${
                    agenda.currentPosition !== null
                      ? html`<span class="agenda-moves">
                          <button type="button" data-testid="agenda-skip" aria-label=${t('Skip this agenda item')} @click=${() => this.nextItem(id, 'skip')}>${t('Skip')}</button>
                          <button type="button" data-testid="agenda-next" @click=${() => this.nextItem(id, 'next')}>${t('Next agenda item')}</button>
                        </span>`
                      : nothing
                  }
                </div>
                <ol data-testid="agenda">
                  ${agenda.items.map((item) => {
                    const current = item.position === agenda.currentPosition;
                    const done = item.endedAt !== null;
                    return html`<li class="${current ? 'current' : ''} ${done ? 'done' : ''} ${current && itemLeft !== null && itemLeft < 0 ? 'over' : ''}" aria-current=${current ? 'step' : nothing} data-testid=${current ? 'agenda-current' : nothing}>
                      <span>${item.title}</span>
                      <span class="time">${current && itemLeft !== null ? `${itemLeft < 0 ? '+' : ''}${i18n.clock(itemLeft)}` : agendaItemTime(item)}</span>
                      ${item.owner ? html`<span class="owner">${item.owner}</span>` : nothing}
                      ${item.speakers.length > 0 ? html`<span class="owner" data-testid="agenda-speakers">${item.speakers.map((s) => s.name).join(' → ')}</span>` : nothing}
                    </li>`;
                  })}
                </ol>`
              : html`<div class="card noagenda agenda-head">
                <p class="muted">${t('No agenda for this meeting.')}</p>
                ${linkButton}
                <button type="button" data-testid="add-agenda" @click=${() => navigate(this, 'minutes', 'agenda')}>${t('Add an agenda')}</button>
              </div>`
          }
        </section>
        <quick-controls class="card" data-testid="quick-controls" .devices=${this.devices} .presets=${this.presets}></quick-controls>
      </div>
      ${this.confirmingEnd ? this.endDialog(id) : nothing}
    `;
  }

  /** The floor in a line, what moves first (it stays readable when the button cuts it short): hands up, who speaks, an open poll. */
  private floorSummary(m: NonNullable<RoomNowView['current']>): string {
    const parts: string[] = [];
    if (m.floor.queue.length > 0) parts.push(t('Hands up: {n}', { n: m.floor.queue.length }));
    if (m.floor.speaking) parts.push(t('{name} speaking', { name: m.floor.speaking.name ?? t('A participant') }));
    if (m.polls.some((p) => p.status === 'open')) parts.push(t('Poll open'));
    return parts.length > 0 ? parts.join(' · ') : t('Floor and polls');
  }

  /** Ending stops the meeting for everyone and sends the minutes: one more touch to be sure. */
  private endDialog(id: string) {
    return html`<dialog class="confirm" data-testid="end-confirm" aria-labelledby="end-q" @close=${() => (this.confirmingEnd = false)}>
      <p id="end-q">${t('End the meeting for everyone now?')}</p>
      <p class="muted">${t('The room goes to standby and the summary is shown.')}</p>
      <div class="row">
        <button type="button" class="danger" data-testid="end-confirm-yes" @click=${() => this.end(id)}>${t('End meeting')}</button>
        <button type="button" data-testid="end-confirm-no" autofocus @click=${() => (this.confirmingEnd = false)}>${t('Keep going')}</button>
      </div>
    </dialog>`;
  }

  protected override updated(): void {
    const dialog = this.renderRoot.querySelector<HTMLDialogElement>('dialog.confirm');
    if (dialog && !dialog.open) dialog.showModal();
    const list = this.renderRoot.querySelector('ol');
    if (list && list !== this.observedList) {
      this.observedList = list;
      this.resized.disconnect();
      this.resized.observe(list);
    }
    const position = this.now?.agenda?.currentPosition ?? null;
    if (position !== this.shownPosition) {
      this.shownPosition = position;
      this.keepCurrentItemInView();
    }
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    this.resized.disconnect();
    this.observedList = null;
  }

  /** The current agenda item stays in its list's view as the meeting moves on and the panel turns (only the list scrolls). */
  private keepCurrentItemInView(): void {
    const list = this.renderRoot.querySelector<HTMLElement>('ol');
    const item = list?.querySelector<HTMLElement>('li.current');
    if (!list || !item) return;
    const top = item.offsetTop;
    if (top < list.scrollTop || top + item.offsetHeight > list.scrollTop + list.clientHeight)
      list.scrollTop = Math.max(0, top - (list.clientHeight - item.offsetHeight) / 2);
  }

  private extend(id: string, minutes: number): void {
    panelRequest(this, {
      label: t('Extend by {n} minutes', { n: minutes }),
      success: t('Meeting extended by {n} minutes', { n: minutes }),
      method: 'POST',
      path: `/api/v1/meetings/${id}/extend`,
      body: { minutes },
    });
  }

  private end(id: string): void {
    this.confirmingEnd = false;
    panelRequest(this, { label: t('End meeting'), method: 'POST', path: `/api/v1/meetings/${id}/end` });
  }

  /** "next" ends the current item with the time it took; "skip" records it as skipped. */
  private nextItem(id: string, how: 'next' | 'skip'): void {
    panelRequest(this, {
      label: how === 'skip' ? t('Skip this agenda item') : t('Next agenda item'),
      method: 'POST',
      path: `/api/v1/meetings/${id}/agenda/${how}`,
    });
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'meeting-screen': MeetingScreen;
  }
}
