import { css, html, nothing } from 'lit';
import { customElement, property, state } from 'lit/decorators.js';
import type { HandView, MeetingView, PollView } from '../../appliance/api/api-types.js';
import { ApiError, type ApiClient } from './api-client.js';
import { speakerName } from './conversation-words.js';
import { t } from './i18n.js';
import { meetingRefusalWords } from './meeting-refusal-words.js';
import './poll-card.js';
import { PanelElement } from './panel-element.js';
import { newPollFields, submittedPoll } from './poll-form.js';

/** Who this phone checked in as (name or email), kept per meeting so a reload keeps it. */
export interface PhonePerson {
  name: string;
  email?: string;
}

const stored = <T>(key: string, fallback: T): T => {
  try {
    return (JSON.parse(localStorage.getItem(key) ?? 'null') as T | null) ?? fallback;
  } catch {
    return fallback;
  }
};
const store = (key: string, value: unknown) => {
  try {
    localStorage.setItem(key, JSON.stringify(value));
  } catch {
    // Not kept across reloads; this page still works.
  }
};

/**
 * The floor and polls on a phone: raise (and lower) one's hand, see who speaks, and vote once
 * in each open poll. It speaks for the person this phone checked in as; the room counts one
 * vote per person checked in, so a second vote from anywhere is refused, never changed.
 */
@customElement('phone-conversation')
export class PhoneConversation extends PanelElement {
  static override styles = css`
    :host {
      display: grid;
      gap: 1em;
    }
    h2 {
      margin: 0 0 0.4em;
    }
    details form {
      display: grid;
      gap: 0.5em;
      margin: 0.6em 0;
    }
    details > button {
      width: 100%;
      margin-top: 0.5em;
    }
    summary {
      min-height: 48px;
      display: flex;
      align-items: center;
      cursor: pointer;
      font-weight: 600;
      gap: 0.5em;
    }
    /* As flex the summary loses the browser's own triangle: without one, nothing says the
       section opens. The arrow turns as it opens; screen readers hear the button's state. */
    summary::before {
      content: '▸' / '';
      font-size: 1.2em;
    }
    details[open] > summary::before {
      content: '▾' / '';
    }
  `;

  @property({ attribute: false }) meeting: MeetingView | null = null;
  @property({ attribute: false }) api: ApiClient | null = null;
  @property({ attribute: false }) me: PhonePerson | null = null;
  @state() message = '';

  constructor() {
    super();
    this.addEventListener('poll-vote', (e) => void this.vote(e.detail.pollId, e.detail.option));
  }

  override render() {
    const m = this.meeting;
    if (!m || m.status !== 'in_progress') return nothing;
    if (!this.me) return html`<p class="card muted">${t('Check in to raise your hand or vote.')}</p>`;
    const myHand = this.myHand(m);
    const speaking = m.floor.speaking;
    return html`
      ${this.message ? html`<p class="card" role="status" data-testid="phone-floor-message">${this.message}</p>` : nothing}
      <section class="card" aria-label=${t('The floor')}>
        <h2>${t('The floor')}</h2>
        <p data-testid="phone-speaking">${speaking ? t('{name} has the floor.', { name: speakerName(speaking.name) }) : t('Nobody has the floor.')}</p>
        ${
          myHand
            ? html`<p data-testid="phone-hand-up">${t('Your hand is up: {n} in line.', { n: m.floor.queue.indexOf(myHand) + 1 })}</p>
              <button type="button" data-testid="phone-lower-hand" @click=${() => this.lower(m, myHand)}>${t('Lower my hand')}</button>`
            : html`<button type="button" class="primary" data-testid="phone-raise-hand" @click=${() => this.raise(m)}>${t('Raise my hand')}</button>`
        }
      </section>
      ${
        m.polls.length > 0
          ? html`<section class="card" aria-label=${t('Polls')}>
            <h2>${t('Polls')}</h2>
            ${[...m.polls].reverse().map((p) => html`<poll-card data-testid="phone-poll" mode="voter" .poll=${p} ?voted=${this.hasVoted(p)}></poll-card>`)}
          </section>`
          : nothing
      }
      ${this.chair(m)}
    `;
  }

  /** The chair's part, folded away: the next speaker, a new poll, closing an open one. */
  private chair(m: MeetingView) {
    const open = m.polls.filter((p) => p.status === 'open');
    return html`<details class="card" data-testid="phone-chair">
      <summary>${t('For the chair')}</summary>
      <form @submit=${(e: Event) => this.openPoll(e, m)}>
        ${newPollFields()}
        <button type="submit" class="primary" data-testid="phone-open-poll">${t('Open poll')}</button>
      </form>
      ${open.map((p) => html`<button type="button" class="danger" data-testid="phone-close-poll" @click=${() => void this.chairSends('POST', `/api/v1/polls/${encodeURIComponent(p.pollId)}/close`)}>${t('Close poll')}: ${p.question ?? t('A poll')}</button>`)}
      <button type="button" data-testid="phone-next-speaker" @click=${() => void this.chairSends('POST', `/api/v1/meetings/${encodeURIComponent(m.id)}/floor`, { next: true })}>${t('Next speaker')}</button>
    </details>`;
  }

  private openPoll(event: Event, m: MeetingView): void {
    const submitted = submittedPoll(event);
    if (submitted)
      void this.chairSends('POST', `/api/v1/meetings/${encodeURIComponent(m.id)}/polls`, submitted.poll).then((ok) => ok && submitted.form.reset());
  }

  /** A chair's request; the page's next refresh shows its effect. */
  private async chairSends(method: 'POST', path: string, body?: unknown): Promise<boolean> {
    if (!this.api) return false;
    try {
      await this.api.send(method, path, body);
      this.message = '';
      this.dispatchEvent(new CustomEvent('conversation-changed', { bubbles: true, composed: true }));
      return true;
    } catch (err) {
      this.message = meetingRefusalWords(err);
      return false;
    }
  }

  private myHand(m: MeetingView): HandView | undefined {
    const handId = stored<string | null>(`roomctl.hand.${m.id}`, null);
    return m.floor.queue.find((h) => h.handId === handId);
  }

  private hasVoted(p: PollView): boolean {
    return stored<string[]>('roomctl.voted', []).includes(p.pollId);
  }

  private async raise(m: MeetingView): Promise<void> {
    if (!this.api || !this.me) return;
    try {
      const hand = await this.api.post<HandView>(`/api/v1/meetings/${encodeURIComponent(m.id)}/hands`, this.me);
      store(`roomctl.hand.${m.id}`, hand.handId);
      this.meeting = { ...m, floor: { ...m.floor, queue: [...m.floor.queue.filter((h) => h.handId !== hand.handId), hand] } };
      this.message = '';
    } catch (err) {
      this.message = meetingRefusalWords(err);
    }
  }

  private async lower(m: MeetingView, hand: HandView): Promise<void> {
    if (!this.api) return;
    try {
      const floor = await this.api.send<MeetingView['floor']>(
        'DELETE',
        `/api/v1/meetings/${encodeURIComponent(m.id)}/hands/${encodeURIComponent(hand.handId)}`,
      );
      this.meeting = { ...m, floor };
    } catch (err) {
      this.message = meetingRefusalWords(err);
    }
  }

  private async vote(pollId: string, option: string): Promise<void> {
    if (!this.api || !this.me || !this.meeting) return;
    const voted = () => store('roomctl.voted', [...stored<string[]>('roomctl.voted', []), pollId].slice(-50));
    try {
      const poll = await this.api.post<PollView>(`/api/v1/polls/${encodeURIComponent(pollId)}/votes`, { option, voter: this.me });
      voted();
      this.meeting = { ...this.meeting, polls: this.meeting.polls.map((p) => (p.pollId === pollId ? poll : p)) };
      this.message = '';
    } catch (err) {
      if (err instanceof ApiError && err.code === 'ROOMCTL_E_ALREADY_VOTED') voted();
      this.message = meetingRefusalWords(err);
    }
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'phone-conversation': PhoneConversation;
  }
}
