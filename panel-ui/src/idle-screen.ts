import { css, html, nothing } from 'lit';
import { customElement, property, state } from 'lit/decorators.js';
import type { MeetingView, RoomNowView } from '../../appliance/api/api-types.js';
import type { ApiClient } from './api-client.js';
import { i18n, t } from './i18n.js';
import { PanelElement } from './panel-element.js';
import { panelRequest } from './panel-events.js';
import { twoColumnScreen } from './panel-styles.js';
import { serverNow } from './server-time.js';
import './booking-qr.js';
import './qr-code.js';
import './no-phone-qr.js';
import { PhoneReachController, phoneReach } from './phone-reach.js';

/** A person who switched the QR code to the other one gets the usual one back after this. */
const QR_CHOICE_MS = 60_000;

/**
 * The door view: free or busy at a glance (colour AND words, big), what is on now and next,
 * "book now" for the durations the room offers, and a QR code for the phone: to book from
 * the phone while the room is free for a while, else the meeting's page to check in — with
 * a button that shows the other one.
 */
@customElement('idle-screen')
export class IdleScreen extends PanelElement {
  static override styles = [
    twoColumnScreen('1.4fr', '1fr'),
    css`
      .status {
        border-radius: 22px;
        padding: 1em 1.2em;
        color: #fff;
        display: grid;
        gap: 0.3em;
        align-content: space-between;
        min-height: 100%;
      }
      .status.free {
        background: linear-gradient(135deg, #1f7a34, #2f9e44);
      }
      .status.busy {
        background: linear-gradient(135deg, #a51d1d, #e03131);
      }
      .status.soon {
        background: linear-gradient(135deg, #b35c00, #f08c00);
      }
      .big {
        font-size: 3.4em;
        font-weight: 800;
        line-height: 1.05;
      }
      .until {
        font-size: 1.15em;
        font-weight: 600;
      }
      .none-fits {
        font-weight: 600;
      }
      .book {
        display: grid;
        grid-template-columns: repeat(3, 1fr);
        gap: 0.6em;
        margin-top: 0.6em;
      }
      /* "Book" over the length: the buttons say what they do. */
      .book button {
        display: grid;
        align-content: center;
        line-height: 1.1;
        white-space: nowrap;
        min-height: 72px;
        font-size: 1.15em;
        background: rgb(0 0 0 / 0.25);
        border-color: rgb(255 255 255 / 0.55);
      }
      .book .verb {
        font-size: 0.7em;
        font-weight: 600;
        opacity: 0.9;
      }
      .side {
        display: grid;
        gap: 1em;
        align-content: start;
      }
      .meeting h3 {
        font-size: 1.1em;
        margin-bottom: 0.2em;
      }
      .label {
        font-size: 0.85em;
        font-weight: 600;
        color: var(--text-muted);
      }
      .qr {
        display: flex;
        gap: 0.8em;
        align-items: center;
      }
      .qr-words {
        display: grid;
        gap: 0.5em;
      }
      .qr-words button {
        font-size: 0.85em;
      }
      qr-code,
      booking-qr {
        width: 128px;
        height: 128px;
        flex: none;
      }
      @media (max-height: 560px) {
        .big {
          font-size: 2.3em;
        }
        qr-code,
        booking-qr {
          width: 96px;
          height: 96px;
        }
        .qr {
          gap: 0.6em;
        }
        .qr-words {
          font-size: 0.8em;
          gap: 0.3em;
        }
        .qr-words button {
          min-height: 48px;
          padding: 0.2em 0.5em;
          white-space: nowrap;
        }
        .book button {
          min-height: 60px;
        }
      }
    `,
  ];

  /** The QR codes give way to words when the room says phones cannot reach it. */
  private readonly reach = new PhoneReachController(this);
  @property({ attribute: false }) now: RoomNowView | null = null;
  @property({ attribute: false }) api: ApiClient | null = null;
  /** The QR code a person switched to (null: the usual one for the moment). */
  @state() qrChoice: 'book' | 'meeting' | null = null;
  private qrChoiceTimer: ReturnType<typeof setTimeout> | undefined;

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    clearTimeout(this.qrChoiceTimer);
    this.qrChoice = null;
  }

  override render() {
    const now = this.now;
    const next = now?.next ?? null;
    const current = now?.current ?? null;
    const nowMs = serverNow();
    const minutesToNext = next ? (Date.parse(next.start) - nowMs) / 60_000 : Infinity;
    const tone = current ? 'busy' : minutesToNext < 15 ? 'soon' : 'free';
    const offered = now?.bookNowMinutes ?? [];
    const phoneMeeting = current ?? next;
    return html`
      <section class="status ${tone}" data-testid="room-status" data-state=${tone} aria-live="polite">
        <p class="big">${tone === 'busy' ? t('Busy') : t('Free')}</p>
        <p class="until">
          ${
            current
              ? t('In use until {time}', { time: i18n.time(current.end) })
              : next
                ? t('Free until {time}', { time: i18n.time(next.start) })
                : t('Free for the rest of the day')
          }
        </p>
        ${
          // Every length greyed out with no word why read as a broken panel.
          offered.length > 0 && offered.every((minutes) => minutes > minutesToNext)
            ? html`<p class="none-fits" data-testid="book-none-fits">${t('The next meeting starts too soon to book the room now.')}</p>`
            : nothing
        }
        ${
          offered.length > 0
            ? html`<div class="book" role="group" aria-label=${t('Book now')}>
              ${offered.map((minutes) => {
                const fits = minutes <= minutesToNext;
                return html`<button
                  type="button"
                  data-testid=${`book-${minutes}`}
                  ?disabled=${!fits}
                  aria-label=${t('Book now for {n} minutes', { n: minutes })}
                  @click=${() => this.book(minutes)}
                >
                  <span class="verb">${t('Book')}</span>${t('{n} min', { n: minutes })}
                </button>`;
              })}
            </div>`
            : nothing
        }
      </section>
      <div class="side">
        ${current ? this.meeting(t('Now'), current) : nothing}
        ${next ? this.meeting(t('Next'), next) : html`<div class="card"><p class="label">${t('Next')}</p><p>${t('Nothing booked')}</p></div>`}
        ${this.alsoToday(now?.alsoToday ?? [])}
        ${this.api?.token && (phoneMeeting || offered.length > 0) ? this.phoneQr(phoneMeeting, tone === 'free', offered.length > 0) : nothing}
      </div>
    `;
  }

  /**
   * One QR code at a time (two side by side would be scanned by mistake); the button swaps
   * them. Booking needs lengths to offer: a room without "book now" has the meeting's only.
   */
  private phoneQr(meeting: MeetingView | null, freeForAWhile: boolean, canBook: boolean) {
    // Not before the room says whether phones reach it: a room they cannot reach flashed its codes first.
    if (phoneReach.reachable === undefined) return nothing;
    if (phoneReach.reachable === false) return html`<div class="card qr" data-testid="phone-qr"><no-phone-qr data-testid="no-phone-qr"></no-phone-qr></div>`;
    const shown = !meeting ? 'book' : !canBook ? 'meeting' : (this.qrChoice ?? (freeForAWhile ? 'book' : 'meeting'));
    return html`<div class="card qr" data-testid="phone-qr" data-kind=${shown}>
      ${
        shown === 'meeting' && meeting
          ? html`<qr-code .api=${this.api} path=${`/api/v1/meetings/${encodeURIComponent(meeting.id)}/qr.svg`} label=${t('QR code: check in and take minutes on your phone')}></qr-code>`
          : html`<booking-qr .api=${this.api} label=${t('QR code: book this room from your phone')}></booking-qr>`
      }
      <div class="qr-words">
        <p>${shown === 'book' ? t('Scan to book from your phone') : t('Scan to check in and take minutes on your phone')}</p>
        ${
          meeting && canBook
            ? html`<button
              type="button"
              data-testid="qr-switch"
              aria-label=${shown === 'book' ? t('Show the check-in QR code') : t('Show the booking QR code')}
              @click=${() => this.switchQr(shown === 'book' ? 'meeting' : 'book')}
            >
              ${shown === 'book' ? t('Check-in QR code') : t('Booking QR code')}
            </button>`
            : nothing
        }
      </div>
    </div>`;
  }

  private switchQr(to: 'book' | 'meeting'): void {
    this.qrChoice = to;
    clearTimeout(this.qrChoiceTimer);
    this.qrChoiceTimer = setTimeout(() => (this.qrChoice = null), QR_CHOICE_MS);
  }

  /** Calendar entries that do not book the room (a holiday, a "free" reminder): shown, so nobody wonders, but the room stays free. */
  private alsoToday(entries: NonNullable<RoomNowView['alsoToday']>) {
    if (entries.length === 0) return nothing;
    return html`<div class="card" data-testid="also-today">
      <p class="label">${t('Also today (the room stays free)')}</p>
      ${entries
        .slice(0, 3)
        .map(
          (e) =>
            html`<p>${e.title ?? t('Private meeting')} <span class="muted">${e.allDay ? t('all day') : `${i18n.time(e.start)} – ${i18n.time(e.end)}`}</span></p>`,
        )}
    </div>`;
  }

  private meeting(label: string, m: MeetingView) {
    return html`<div class="card meeting" data-testid="meeting-${label}">
      <p class="label">${label}</p>
      <h3>${m.hidden ? t('Private meeting') : m.title}</h3>
      <p class="muted">${i18n.time(m.start)} – ${i18n.time(m.end)}${m.organiser?.name ? ` · ${m.organiser.name}` : ''}</p>
    </div>`;
  }

  private book(minutes: number): void {
    // Quiet: the check-in screen that follows says it worked.
    panelRequest(this, {
      label: t('Book now for {n} minutes', { n: minutes }),
      method: 'POST',
      path: '/api/v1/bookings',
      body: { minutes, title: t('Ad-hoc meeting') },
    });
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'idle-screen': IdleScreen;
  }
}
