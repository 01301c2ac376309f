import { css, html, nothing } from 'lit';
import { customElement, property } from 'lit/decorators.js';
import type { CheckIn, MeetingView } from '../../appliance/api/api-types.js';
import { roomWord, speakerName } from './conversation-words.js';
import { i18n, t } from './i18n.js';
import { PanelElement } from './panel-element.js';
import { panelRequest } from './panel-events.js';
import { twoColumnScreen } from './panel-styles.js';
import { newPollFields, submittedPoll } from './poll-form.js';
import { serverNow } from './server-time.js';
import { TickController } from './tick-controller.js';
import './poll-card.js';

/**
 * The floor and polls on the panel: who speaks and their time left, the raised hands in
 * order (give the floor, lower), a hand raised for someone checked in, and the polls with
 * their live counts — open one, enter the room's show of hands, close it.
 */
@customElement('floor-screen')
export class FloorScreen extends PanelElement {
  static override styles = [
    twoColumnScreen('1fr', '1fr'),
    css`
      :host {
        align-items: start;
      }
      section {
        display: grid;
        gap: 0.6em;
        min-width: 0;
      }
      h2 {
        margin: 0;
        font-size: 1.3em;
      }
      .speaking {
        display: grid;
        grid-template-columns: minmax(0, 1fr) auto;
        align-items: center;
        gap: 0.2em 0.6em;
      }
      .speaking .name {
        font-size: 1.4em;
        font-weight: 700;
        overflow-wrap: anywhere;
      }
      .left {
        font-size: 1.8em;
        font-weight: 800;
        font-variant-numeric: tabular-nums;
      }
      .left.over {
        color: #ff8787;
      }
      ol {
        margin: 0;
        padding: 0;
        list-style: none;
        display: grid;
        gap: 0.4em;
      }
      ol li {
        display: grid;
        grid-template-columns: minmax(0, 1fr) auto auto;
        align-items: center;
        gap: 0.4em 0.6em;
        padding: 0.4em 0.6em;
      }
      ol li .who {
        overflow-wrap: anywhere;
      }
      h3 {
        margin: 0;
        font-size: 1em;
        color: var(--text-muted);
      }
      .raise select {
        flex: 1 1 10em;
        min-width: 0;
      }
      form {
        display: grid;
        gap: 0.5em;
      }
      select,
      input {
        min-height: 48px;
      }
    `,
  ];

  @property({ attribute: false }) meeting: MeetingView | null = null;
  @property({ attribute: false }) checkIns: CheckIn[] = [];
  /** When the meeting view was sent (the speaker's time counts down from it). */
  @property({ attribute: false }) sentAt: string | null = null;
  private readonly tick = new TickController(this);

  override render() {
    const m = this.meeting;
    if (!m) return html`<p>${t('No meeting is running.')}</p>`;
    const { queue, speaking } = m.floor;
    const rooms = new Set([...queue.map((h) => h.room), ...(speaking ? [speaking.room] : [])]);
    const since = this.sentAt ? (serverNow() - Date.parse(this.sentAt)) / 1000 : 0;
    const left = speaking ? speaking.remainingSeconds - since : 0;
    const id = encodeURIComponent(m.id);
    // The open poll on top, else the result just closed (one at a time on the panel: the form for the next comes back when it closes), then older results, newest first.
    const open = m.polls.filter((p) => p.status === 'open');
    const closed = m.polls.filter((p) => p.status === 'closed').reverse();
    return html`
      <section aria-label=${t('The floor')}>
        <h2>${t('The floor')}</h2>
        <div class="card speaking" data-testid="floor-speaking">
          ${
            speaking
              ? html`<span class="name" data-testid="speaker-name">${speakerName(speaking.name)}${roomWord(speaking.room, rooms) ? html` <span class="muted">· ${roomWord(speaking.room, rooms)}</span>` : nothing}</span>
                <span class="left ${left < 0 ? 'over' : ''}" role="timer" aria-label=${t('Speaking time left: {d}', { d: i18n.duration(left) })} data-testid="speaker-left">${left < 0 ? '+' : ''}${i18n.clock(left)}</span>`
              : html`<span class="muted">${t('Nobody has the floor.')}</span>`
          }
        </div>
        <button type="button" class="primary" data-testid="floor-next" @click=${() => this.floor(id, { next: true })}>${queue.length > 0 || !speaking ? t('Next speaker') : t('End this turn')}</button>
        <h3>${t('Raised hands ({n})', { n: queue.length })}</h3>
        <ol data-testid="hand-queue">
          ${queue.map(
            (h, i) => html`<li class="card" data-testid="hand">
              <span class="who">${i + 1}. ${speakerName(h.name)}${roomWord(h.room, rooms) ? html` <span class="muted">· ${roomWord(h.room, rooms)}</span>` : nothing}</span>
              <button type="button" data-testid="give-floor" @click=${() => this.floor(id, { handId: h.handId })} aria-label=${t('Give the floor to {name}', { name: speakerName(h.name) })}>${t('Give the floor')}</button>
              <button type="button" data-testid="lower-hand" @click=${() => this.lower(id, h.handId)} aria-label=${t('Lower the hand of {name}', { name: speakerName(h.name) })}>${t('Lower')}</button>
            </li>`,
          )}
        </ol>
        ${
          this.checkIns.length > 0
            ? html`<form class="row raise" @submit=${(e: Event) => this.raise(e, id)}>
              <label class="sr-only" for="raise-who">${t('Who raises a hand')}</label>
              <select id="raise-who" name="who" data-testid="raise-who">${this.checkIns.map((c) => html`<option value=${c.personKey}>${c.name ?? c.email ?? c.badge}</option>`)}</select>
              <button type="submit" data-testid="raise-hand">${t('Raise a hand')}</button>
            </form>`
            : nothing
        }
      </section>
      <section aria-label=${t('Polls')}>
        <h2>${t('Polls')}</h2>
        ${[...open, ...closed.slice(0, 1)].map((p) => html`<poll-card class="card" data-testid="poll-card" mode="chair" .poll=${p}></poll-card>`)}
        ${
          open.length === 0
            ? html`<form class="card" @submit=${(e: Event) => this.openPoll(e, id)}>
              ${newPollFields()}
              <button type="submit" class="primary" data-testid="open-poll">${t('Open poll')}</button>
            </form>`
            : nothing
        }
        ${closed.slice(1).map((p) => html`<poll-card class="card" data-testid="poll-card" mode="chair" .poll=${p}></poll-card>`)}
      </section>
    `;
  }

  private floor(id: string, body: { next: true } | { handId: string }): void {
    panelRequest(this, { label: t('Give the floor'), method: 'POST', path: `/api/v1/meetings/${id}/floor`, body });
  }

  private lower(id: string, handId: string): void {
    panelRequest(this, { label: t('Lower'), method: 'DELETE', path: `/api/v1/meetings/${id}/hands/${encodeURIComponent(handId)}` });
  }

  private raise(event: Event, id: string): void {
    event.preventDefault();
    const key = String(new FormData(event.target as HTMLFormElement).get('who') ?? '');
    const person = this.checkIns.find((c) => c.personKey === key);
    if (!person) return;
    const who = person.email ? { email: person.email } : person.badge ? { badge: person.badge } : { name: person.name ?? '' };
    panelRequest(this, { label: t('Raise a hand'), method: 'POST', path: `/api/v1/meetings/${id}/hands`, body: who });
  }

  private openPoll(event: Event, id: string): void {
    const submitted = submittedPoll(event);
    if (!submitted) return;
    panelRequest(this, {
      label: t('Open poll'),
      method: 'POST',
      path: `/api/v1/meetings/${id}/polls`,
      body: submitted.poll,
      done: () => submitted.form.reset(),
    });
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'floor-screen': FloorScreen;
  }
}
