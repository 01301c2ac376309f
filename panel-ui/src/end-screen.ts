import { css, html, type PropertyValues } from 'lit';
import { customElement, property, state } from 'lit/decorators.js';
import type { ProblemCategory } from '../../appliance/api/api-types.js';
import type { ApiClient } from './api-client.js';
import { t } from './i18n.js';
import { ratingChoices, ratingStyles } from './rating-choices.js';
import { PanelElement } from './panel-element.js';
import { navigate, panelRequest } from './panel-events.js';
import './end-summary.js';

/**
 * After the meeting: first its summary (decisions, action items, who came, the minutes' QR
 * code), then rate the room 1–5 and report what did not work, in two touches.
 */
@customElement('end-screen')
export class EndScreen extends PanelElement {
  static override styles = [
    ratingStyles,
    css`
    :host {
      display: grid;
      gap: 1em;
      align-content: start;
      max-width: 60em;
      margin: 0 auto;
      width: 100%;
    }
    :host([summary]) {
      display: block;
      max-width: none;
      height: 100%;
      min-height: 0;
    }
    end-summary {
      height: 100%;
    }
    h2 {
      font-size: 1.6em;
    }
    .send {
      display: flex;
      gap: 0.6em;
    }
    .send button {
      flex: 1;
      min-height: 64px;
    }
    /* 800×480 and 1024×600: everything, Send included, on one screen (at 1024×600 the six
       problems took two rows and pushed Skip and Send under the bar). */
    @media (max-height: 640px) {
      :host {
        gap: 0.45em;
      }
      h2 {
        font-size: 1.15em;
      }
      h3 {
        font-size: 0.95em;
      }
      .stars button {
        min-height: 56px;
        font-size: 1.3em;
      }
      .problems {
        grid-template-columns: repeat(6, 1fr);
      }
      .problems button {
        padding: 0.2em;
        font-size: 0.85em;
      }
      .send button {
        min-height: 56px;
      }
    }
  `,
  ];

  @property({ type: String, attribute: 'meeting-id' }) meetingId = '';
  @property({ attribute: false }) api: ApiClient | null = null;
  @state() step: 'summary' | 'rate' = 'summary';
  @state() rating: number | null = null;
  @state() problems: ProblemCategory[] = [];
  @state() sent = false;
  /** On its way: a second tap on Send (the room slow to answer) must not send the rating again. */
  @state() sending = false;

  protected override willUpdate(changed: PropertyValues<this>): void {
    if (changed.has('meetingId')) this.step = 'summary';
    this.toggleAttribute('summary', this.showsSummary);
  }

  private get showsSummary(): boolean {
    return this.step === 'summary' && !!this.meetingId && !!this.api?.token;
  }

  override render() {
    if (this.showsSummary) return html`<end-summary meeting-id=${this.meetingId} .api=${this.api} @summary-done=${() => (this.step = 'rate')}></end-summary>`;
    if (this.sent) {
      return html`<h2 data-testid="thanks">${t('Thank you!')}</h2>
        <p>${this.problems.length > 0 ? t('Facilities have your report.') : t('Your rating helps us keep the room in shape.')}</p>
        <button type="button" class="primary" @click=${() => navigate(this, 'home')}>${t('Done')}</button>`;
    }
    return html`
      ${ratingChoices(this)}
      <div class="send">
        <button type="button" @click=${() => navigate(this, 'home')}>${t('Skip')}</button>
        <button type="button" class="primary" data-testid="send-feedback" ?disabled=${this.sending || (this.rating === null && this.problems.length === 0)} @click=${this.send}>${t('Send')}</button>
      </div>
    `;
  }

  private send(): void {
    if (this.sending) return;
    this.sending = true;
    const body = { ...(this.rating !== null ? { rating: this.rating } : {}), ...(this.problems.length > 0 ? { problems: this.problems } : {}) };
    const path = this.meetingId ? `/api/v1/meetings/${encodeURIComponent(this.meetingId)}/feedback` : '/api/v1/problems';
    // Queued while offline counts as sent for the person: the badge shows it is still on its way.
    panelRequest(this, {
      label: t('Feedback'),
      method: 'POST',
      path,
      body,
      queueable: true,
      done: () => (this.sent = true),
      queued: () => (this.sent = true),
      failed: (error) => {
        this.sending = false;
        // Rated already (another panel, or a tap that got through before): the toast says so; this one is done too.
        if (error.code === 'ROOMCTL_E_FEEDBACK_GIVEN') this.sent = true;
      },
    });
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'end-screen': EndScreen;
  }
}
