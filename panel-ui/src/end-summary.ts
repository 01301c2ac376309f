import { css, html, nothing } from 'lit';
import { customElement, state } from 'lit/decorators.js';
import { entryWords } from './conversation-words.js';
import { i18n, t } from './i18n.js';
import { MeetingElement } from './meeting-element.js';
import { fetchMinutes, type MinutesRead } from './minutes-read.js';
import { navigate, panelRequest } from './panel-events.js';
import { serverNow } from './server-time.js';
import { TickController } from './tick-controller.js';
import { moreBelowStyles, WholeItemsController } from './whole-items.js';
import { screenWithSide } from './panel-styles.js';
import './qr-code.js';
import './no-phone-qr.js';
import { PhoneReachController, phoneReach } from './phone-reach.js';

/**
 * Right after the end: what the meeting decided, who does what by when, who came, and the QR
 * code of the meeting page where the minutes are (and can still be corrected until they are
 * sent, here too). "Send now" sends them without waiting for the review time.
 */
@customElement('end-summary')
export class EndSummary extends MeetingElement {
  static override styles = [
    moreBelowStyles,
    // On a landscape panel the QR code and its words take a column of their own beside the title
    // and the cards, which then have all the height between the title and the buttons.
    screenWithSide('minmax(0, 1fr) auto', { footAcross: true }),
    css`
    h2 {
      grid-area: head;
      font-size: 1.35em;
    }
    /* The three cards fill the space between the title and the buttons. Side by side on a
       landscape panel, each as tall as that space; one above the other on a portrait one, the
       rows sharing its height: each at least as tall as its first item (the cards' least
       heights, set with their lists' fit), then an equal part of what is left, up to its
       content (a grid gives free space to rows equally), and what no list needs stretches
       them all. It scrolls only when not even the first item of each list fits. */
    .lists {
      display: grid;
      grid-template-columns: repeat(3, minmax(0, 1fr));
      grid-template-rows: minmax(0, 1fr);
      gap: 0.6em;
      overflow-y: auto;
      min-height: 0;
      grid-area: body;
    }
    /* Each list scrolls inside its card, held to the whole items that fit (WholeItemsController);
       how many are below is said on the heading's line, which costs no line of the list — or
       under the heading where the card is too narrow for both (the heading is never squeezed). */
    .card {
      display: grid;
      grid-template-rows: auto minmax(0, 1fr);
      padding: 0.6em 0.9em;
    }
    .head {
      display: flex;
      flex-wrap: wrap;
      justify-content: space-between;
      align-items: baseline;
      column-gap: 0.6em;
      margin-bottom: 0.3em;
    }
    .head > .more-below {
      margin: 0;
    }
    h3 {
      font-size: 0.95em;
      color: var(--text-muted);
      margin: 0;
    }
    ul {
      margin: 0;
      padding-left: 1.1em;
      display: grid;
      align-content: start;
      gap: 0.2em;
    }
    .card > ul {
      align-self: stretch;
      min-height: 0;
      overflow-y: auto;
    }
    .meta {
      font-size: 0.85em;
      color: var(--text-muted);
    }
    .qr {
      grid-area: side;
      display: grid;
      gap: 0.4em;
      justify-items: center;
      align-content: start;
      max-width: 12em;
      text-align: center;
      font-size: 0.85em;
    }
    qr-code {
      width: 148px;
      height: 148px;
    }
    /* The words in place of the code (phones cannot reach the room) take the code's column, never the title's room. */
    no-phone-qr {
      width: 100%;
      text-align: start;
    }
    .actions {
      grid-area: foot;
      display: grid;
      grid-template-columns: repeat(3, minmax(0, 1fr));
      gap: 0.5em;
    }
    /* Short landscape panels: a column beside the cards left each of them ~180 px at 800×480,
       a dozen letters a line. The code and its words go up beside the title instead (a smaller
       code, its words beside it), and the three cards take the whole width. */
    @media (max-height: 640px) and (orientation: landscape) {
      :host {
        grid-template-areas: 'head side' 'body body' 'foot foot';
      }
      h2,
      .qr {
        align-self: center;
      }
      qr-code {
        width: 88px;
        height: 88px;
      }
      no-phone-qr {
        width: 14em;
      }
      /* The words' own width: four lines, no taller than the code. */
      .qr {
        max-width: none;
        grid-template-columns: auto 11em;
        justify-items: start;
        align-items: center;
        text-align: start;
        gap: 0.2em 0.6em;
      }
      .qr p {
        margin: 0;
      }
      h2 {
        font-size: 1.15em;
      }
    }
    /* The shortest panels: thinner cards leave the lists a line more. */
    @media (max-height: 560px) {
      .card {
        padding: 0.4em 0.8em;
      }
      .head {
        margin-bottom: 0.15em;
      }
    }
    @media (orientation: portrait) {
      .lists {
        grid-template-columns: minmax(0, 1fr);
        grid-template-rows: none;
        grid-auto-rows: auto;
      }
      .qr {
        max-width: none;
        justify-items: start;
        grid-template-columns: auto minmax(0, 1fr);
        text-align: start;
        align-items: center;
      }
      qr-code {
        width: 108px;
        height: 108px;
      }
      no-phone-qr {
        width: 16em;
      }
    }
    @media (max-width: 560px) {
      .actions {
        grid-template-columns: minmax(0, 1fr) minmax(0, 1fr);
      }
      .actions .next {
        grid-column: 1 / -1;
      }
    }
  `,
  ];

  /** The QR code gives way to words when the room says phones cannot reach it. */
  private readonly reach = new PhoneReachController(this);
  @state() read: MinutesRead | null = null;
  /** Looks every few seconds whether the held minutes are due (they go out by themselves then). */
  private readonly tick = new TickController(this, 5000);
  private readonly whole = new WholeItemsController(this, '.card > ul', { maxEm: Number.POSITIVE_INFINITY, sharedBox: true });
  private rereadAt = 0;

  protected override updated(): void {
    super.updated();
    this.rereadWhenDue();
  }

  /**
   * Once the time the summary says the minutes go out has passed, read them again: the
   * summary then says they were sent, and no longer offers to correct them (the room would
   * refuse). At most every 15 s while the room has not sent them yet.
   */
  private rereadWhenDue(): void {
    const read = this.read;
    if (!read || read.sentAt || !read.sendsAt || serverNow() < Date.parse(read.sendsAt)) return;
    if (Date.now() - this.rereadAt < 15_000) return;
    this.rereadAt = Date.now();
    void this.load();
  }

  protected async load(): Promise<void> {
    if (!this.api) return;
    try {
      this.read = await fetchMinutes(this.api, this.meetingId);
    } catch {
      // Not readable here (a confidential meeting's minutes are for its participants) or the
      // panel is offline: straight on to the rating, which works either way.
      this.dispatchEvent(new CustomEvent('summary-done'));
    }
  }

  override render() {
    const read = this.read;
    const m = read?.minutes;
    const came = m?.attendance.filter((a) => a.status !== 'absent') ?? [];
    const id = encodeURIComponent(this.meetingId);
    return html`
      <h2 data-testid="summary-title">${t('The meeting has ended')}${m ? html` · <span class="muted">${m.meeting.title}</span>` : nothing}</h2>
      <div class="lists" data-testid="summary">
        <section class="card">
          <div class="head"><h3>${t('Decisions')} (${m?.decisions.length ?? 0})</h3>${this.moreBelow('summary-decisions')}</div>
          ${
            m && m.decisions.length > 0
              ? html`<ul data-testid="summary-decisions">${m.decisions.map((d) => html`<li>${entryWords(d)}</li>`)}</ul>`
              : html`<p class="muted">${t('No decisions yet.')}</p>`
          }
        </section>
        <section class="card">
          <div class="head"><h3>${t('Action items')} (${m?.actionItems.length ?? 0})</h3>${this.moreBelow('summary-actions')}</div>
          ${
            m && m.actionItems.length > 0
              ? html`<ul data-testid="summary-actions">
                ${m.actionItems.map((a) => html`<li>${a.text}<div class="meta">${a.owner}${a.deadline ? ` · ${t('Due')} ${i18n.shortDate(a.deadline)}` : ''}</div></li>`)}
              </ul>`
              : html`<p class="muted">${t('No action items yet.')}</p>`
          }
        </section>
        <section class="card">
          <div class="head"><h3>${t('Who came')} (${came.length})</h3>${this.moreBelow('summary-people')}</div>
          ${
            came.length > 0
              ? html`<ul data-testid="summary-people">${came.map((a) => html`<li>${a.name ?? a.email ?? a.badge}</li>`)}</ul>`
              : html`<p class="muted">${t('Nobody checked in.')}</p>`
          }
        </section>
      </div>
      <div class="qr">
        ${
          phoneReach.reachable === false
            ? html`<no-phone-qr brief data-testid="no-phone-qr"></no-phone-qr>`
            : this.api?.token && phoneReach.reachable
              ? html`<qr-code .api=${this.api} path=${`/api/v1/meetings/${id}/qr.svg`} label=${t('QR code: the minutes on your phone')}></qr-code>`
              : nothing
        }
        <p data-testid="summary-sending">${this.sendingWords(read)}</p>
      </div>
      <div class="actions">
        <button type="button" data-testid="summary-edit" ?disabled=${!!read?.sentAt} @click=${() => navigate(this, 'minutes')}>${t('Correct the minutes')}</button>
        <button type="button" data-testid="summary-send" ?disabled=${!read || !!read.sentAt} @click=${this.sendNow}>${t('Send the minutes now')}</button>
        <button type="button" class="primary next" data-testid="rate-room" @click=${() => this.dispatchEvent(new CustomEvent('summary-done'))}>${t('Rate the room')}</button>
      </div>
    `;
  }

  /**
   * When the minutes go out, and where to correct or read them: on a phone only where the room
   * says phones reach it (not before it has said), here on the panel otherwise.
   */
  private sendingWords(read: MinutesRead | null): string {
    const phones = phoneReach.reachable === true;
    if (read?.sentAt) {
      const time = i18n.time(read.sentAt);
      return phones ? t('The minutes were sent at {time}. Scan to read them.', { time }) : t('The minutes were sent at {time}.', { time });
    }
    if (read?.sendsAt) {
      const time = i18n.time(read.sendsAt);
      return phones
        ? t('The minutes go out at {time}. Until then, correct them here or on your phone.', { time })
        : t('The minutes go out at {time}. Until then, correct them here.', { time });
    }
    return phones ? t('Scan for the minutes on your phone.') : t('Read and correct the minutes here.');
  }

  /** Words, not a button: the list is swiped on the panel, and a button would need a finger's height. The card's heading names what is below. */
  private moreBelow(testId: string) {
    return this.whole.cue((n) => t('↓ {n} more', { n }), { list: `[data-testid="${testId}"]`, pressable: false });
  }

  private sendNow(): void {
    panelRequest(this, {
      label: t('Send the minutes now'),
      success: t('Minutes sent'),
      method: 'POST',
      path: `/api/v1/meetings/${encodeURIComponent(this.meetingId)}/minutes/send`,
      done: () => void this.load(),
    });
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'end-summary': EndSummary;
  }
}
