import { css, html, nothing } from 'lit';
import { customElement, property, state } from 'lit/decorators.js';
import type { PollView } from '../../appliance/api/api-types.js';
import { optionWord, pollOutcomeWords } from './conversation-words.js';
import { t } from './i18n.js';
import { PanelElement } from './panel-element.js';
import { panelRequest } from './panel-events.js';

/**
 * One poll with its live counts. As the chair's (`chair`): the room's show of hands per
 * option and the close. As a voter's (`voter`, the phone): one button per option until this
 * phone has voted; the phone page sends the vote (a `poll-vote` event) with its check-in.
 */
@customElement('poll-card')
export class PollCard extends PanelElement {
  static override styles = css`
    :host {
      display: grid;
      gap: 0.5em;
    }
    h3 {
      margin: 0;
      font-size: 1.1em;
      overflow-wrap: anywhere;
    }
    ul {
      list-style: none;
      margin: 0;
      padding: 0;
      display: grid;
      gap: 0.3em;
    }
    li {
      display: grid;
      grid-template-columns: minmax(0, 1fr) auto;
      align-items: center;
      gap: 0.2em 0.6em;
    }
    /* The chair's show of hands sits in the option's own row, so the poll keeps its height. */
    li.hands {
      grid-template-columns: minmax(0, 1fr) auto auto;
    }
    .bar {
      grid-column: 1 / -1;
      height: 6px;
      border-radius: 3px;
      background: var(--accent-border, #4d8fd6);
    }
    .count {
      font-variant-numeric: tabular-nums;
      font-weight: 700;
    }
    input {
      width: 4.5em;
      min-height: 48px;
    }
    form {
      display: grid;
      gap: 0.5em;
    }
    /* Save and close side by side, whatever the length of their words. */
    .row button {
      flex: 1 1 0;
      min-width: 0;
      padding: 0.3em 0.5em;
    }
    .outcome {
      font-weight: 700;
    }
  `;

  @property({ attribute: false }) poll: PollView | null = null;
  @property({ type: String }) mode: 'chair' | 'voter' = 'chair';
  @property({ type: Boolean }) voted = false;
  /** The chair is entering the room's show of hands (the fields come up only then: Close stays on a short panel's screen). */
  @state() counting = false;

  override render() {
    const p = this.poll;
    if (!p) return nothing;
    const total = Math.max(1, ...Object.values(p.counts));
    const open = p.status === 'open';
    return html`
      <h3 data-testid="poll-question">${p.question ?? t('A poll')}</h3>
      <p class="muted">${open ? t('Open · {n} voted by phone', { n: p.votes }) : t('Closed')}</p>
      ${open && this.mode === 'chair' ? this.chairControls(p, total) : this.counts(p, total, false)}
      ${p.status === 'closed' ? html`<p class="outcome" data-testid="poll-outcome">${pollOutcomeWords(p)}</p>` : nothing}
      ${open && this.mode === 'voter' ? this.voterControls(p) : nothing}
    `;
  }

  /** Each option with its count and bar; for the chair of an open poll, the room's show of hands beside it. */
  private counts(p: PollView, total: number, hands: boolean) {
    return html`<ul aria-label=${t('Count')}>
      ${p.options.map(
        (o) => html`<li class=${hands ? 'hands' : ''} data-testid="poll-option">
          <span>${optionWord(o)}</span>
          ${hands ? html`<input type="number" name=${o} min="0" max="10000" inputmode="numeric" aria-label=${optionWord(o)} />` : nothing}
          <span class="count" data-testid=${`poll-count-${o}`}>${p.counts[o] ?? 0}</span>
          <span class="bar" style="width: ${((p.counts[o] ?? 0) / total) * 100}%"></span>
        </li>`,
      )}
    </ul>`;
  }

  private chairControls(p: PollView, total: number) {
    return html`<form @submit=${(e: Event) => this.saveCount(e, p)} aria-label=${t('Show of hands in this room')}>
        ${this.counts(p, total, this.counting)}
        <div class="row">
          ${
            this.counting
              ? html`<button type="submit" data-testid="save-hands">${t('Save show of hands')}</button>`
              : html`<button type="button" data-testid="count-hands" @click=${() => (this.counting = true)}>${t('Show of hands')}</button>`
          }
          <button type="button" class="danger" data-testid="close-poll" @click=${() => this.close(p)}>${t('Close poll')}</button>
        </div>
      </form>`;
  }

  private voterControls(p: PollView) {
    if (this.voted) return html`<p data-testid="phone-voted">${t('Your vote is counted.')}</p>`;
    return html`<div class="row">
      ${p.options.map((o) => html`<button type="button" class="primary" data-testid=${`vote-${o}`} @click=${() => this.dispatchEvent(new CustomEvent('poll-vote', { detail: { pollId: p.pollId, option: o }, bubbles: true, composed: true }))}>${optionWord(o)}</button>`)}
    </div>`;
  }

  private saveCount(event: Event, p: PollView): void {
    event.preventDefault();
    const data = new FormData(event.target as HTMLFormElement);
    const counts = Object.fromEntries(p.options.flatMap((o) => (String(data.get(o) ?? '').trim() === '' ? [] : [[o, Number(data.get(o))]])));
    if (Object.keys(counts).length === 0) return;
    this.counting = false;
    panelRequest(this, {
      label: t('Save show of hands'),
      success: t('Show of hands saved'),
      method: 'POST',
      path: `/api/v1/polls/${encodeURIComponent(p.pollId)}/counts`,
      body: { counts },
    });
  }

  private close(p: PollView): void {
    panelRequest(this, { label: t('Close poll'), method: 'POST', path: `/api/v1/polls/${encodeURIComponent(p.pollId)}/close` });
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'poll-card': PollCard;
  }
  interface HTMLElementEventMap {
    'poll-vote': CustomEvent<{ pollId: string; option: string }>;
  }
}
