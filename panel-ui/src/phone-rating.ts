import { css, html, nothing } from 'lit';
import { customElement, property, state } from 'lit/decorators.js';
import type { ProblemCategory } from '../../appliance/api/api-types.js';
import { ApiError, type ApiClient } from './api-client.js';
import { t } from './i18n.js';
import { meetingRefusalWords } from './meeting-refusal-words.js';
import { PanelElement } from './panel-element.js';
import { ratingChoices, ratingStyles } from './rating-choices.js';
import { ZH_CN } from './zh-cn.js';
import { ZH_CN_PHONE_RATING } from './zh-cn-phone-rating.js';

// The phone's own words load with the phone page only, not with the panel.
Object.assign(ZH_CN, ZH_CN_PHONE_RATING);

/** What a person may tell facilities with their rating (the room keeps as much: FeedbackBody). */
const COMMENT_MAX = 2000;

/**
 * A person's own rating of the room, on the phone page the personal link of their minutes
 * email opens (`#rate`: the mail's rating link scrolls here): the panel's stars and problems,
 * a few words more if they like. One each: a second is answered as done.
 */
@customElement('phone-rating')
export class PhoneRating extends PanelElement {
  static override styles = [
    ratingStyles,
    css`
      :host {
        display: grid;
        gap: 0.8em;
      }
      h2,
      h3 {
        margin: 0;
      }
      label,
      textarea {
        display: grid;
        gap: 0.3em;
      }
    `,
  ];

  @property({ attribute: false }) meetingId = '';
  @property({ attribute: false }) api: ApiClient | null = null;
  @state() rating: number | null = null;
  @state() problems: ProblemCategory[] = [];
  @state() sending = false;
  /** The thanks shown once the room has the rating (or had it already). */
  @state() thanks = '';
  @state() message = '';
  /** The rating this person gave before (the page opened again): shown instead of the stars. */
  @state() rated: number | null = null;

  protected override firstUpdated(): void {
    if (window.location.hash === '#rate') this.scrollIntoView({ block: 'start' });
    void this.readMine();
  }

  /**
   * Whether this person has rated already, so the page opened again (or refused a second Send)
   * says what they gave rather than asking; false when it could not tell.
   */
  private async readMine(): Promise<boolean> {
    // Unread (offline, taken off the invite): the stars stay, and sending says why.
    const mine = await this.api?.get<{ given: boolean; rating: number | null }>(this.minePath()).catch(() => null);
    if (!mine?.given) return false;
    if (mine.rating !== null) this.rated = mine.rating;
    else this.thanks = t('Facilities have your report.');
    return true;
  }

  private minePath(): string {
    return `/api/v1/meetings/${encodeURIComponent(this.meetingId)}/feedback/mine`;
  }

  override render() {
    if (this.rated !== null) return html`<p data-testid="rated">${t('You rated this meeting {n}/5', { n: this.rated })}</p>`;
    if (this.thanks) return html`<h2 data-testid="thanks">${t('Thank you!')}</h2><p>${this.thanks}</p>`;
    return html`
      ${ratingChoices(this)}
      <label>${t('Anything to add? (optional)')}<textarea name="comment" rows="3" maxlength=${COMMENT_MAX}></textarea></label>
      ${this.message ? html`<p role="status">${this.message}</p>` : nothing}
      <button type="button" class="primary" data-testid="send-feedback" ?disabled=${this.sending || (this.rating === null && this.problems.length === 0)} @click=${this.send}>${t('Send')}</button>
    `;
  }

  private async send(): Promise<void> {
    if (this.sending || !this.api) return;
    this.sending = true;
    const comment = this.renderRoot.querySelector('textarea')?.value.trim() ?? '';
    const body = {
      ...(this.rating !== null ? { rating: this.rating } : {}),
      ...(this.problems.length > 0 ? { problems: this.problems } : {}),
      ...(comment ? { comment } : {}),
    };
    try {
      await this.api.post(this.minePath(), body);
      this.thanks = this.problems.length > 0 ? t('Facilities have your report.') : t('Your rating helps us keep the room in shape.');
    } catch (err) {
      this.sending = false;
      if (err instanceof ApiError && err.code === 'ROOMCTL_E_FEEDBACK_GIVEN') {
        // Rated on another tab, or this Send's first answer was lost: what the room kept, as the page opened again says it.
        if (!(await this.readMine())) this.thanks = t('You have rated this meeting already.');
      } else this.message = meetingRefusalWords(err);
    }
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'phone-rating': PhoneRating;
  }
}
