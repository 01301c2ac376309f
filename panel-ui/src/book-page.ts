import { css, html, nothing } from 'lit';
import { customElement, property, state } from 'lit/decorators.js';
import type { DoorBookingView, DoorScheduleView, PanelInfo } from '../../appliance/api/api-types.js';
import { ApiClient, ApiError } from './api-client.js';
import { refusalOf, type Refusal } from './book-refusals.js';
import { daySegments, freeStarts } from './book-slots.js';
import { i18n, t } from './i18n.js';
import { languageButton } from './language-button.js';
import { PanelElement } from './panel-element.js';
import { phonePageStyles } from './phone-page-styles.js';
import { noteServerTime, serverNow } from './server-time.js';
import { ZH_CN } from './zh-cn.js';
import { ZH_CN_BOOK_PAGE } from './zh-cn-book-page.js';
import { ZH_CN_PHONE_PAGES } from './zh-cn-phone-pages.js';

// This page's own words load with it only, not with the panel.
Object.assign(ZH_CN, ZH_CN_PHONE_PAGES, ZH_CN_BOOK_PAGE);

/**
 * The booking page a phone opens from the door panel's QR code (/book#code=…): the rest of
 * today busy and free, and a booking now or later today for one of the room's lengths. It
 * sends the door code, never a token; the booking answers with the meeting's own page.
 */
@customElement('book-page')
export class BookPage extends PanelElement {
  static override styles = [
    phonePageStyles,
    css`
      /* A shorter page than a meeting's: a narrower column, a little smaller type. */
      :host {
        gap: 0.9em;
        max-width: 32em;
        font-size: 17px;
      }
      h2 {
        font-size: 1.1em;
        margin-bottom: 0.4em;
      }
      form {
        display: grid;
        gap: 0.7em;
      }
      fieldset {
        border: 0;
        margin: 0;
        padding: 0;
        display: grid;
        grid-template-columns: repeat(auto-fit, minmax(5em, 1fr));
        gap: 0.5em;
      }
      legend {
        font-size: 0.85em;
        color: var(--text-muted);
        margin-bottom: 0.25em;
      }
      ol {
        list-style: none;
        margin: 0;
        padding: 0;
        display: grid;
        gap: 0.35em;
      }
      li {
        display: flex;
        gap: 0.6em;
        align-items: baseline;
      }
      .when {
        min-width: 7.5em;
        font-variant-numeric: tabular-nums;
      }
      .free .pill {
        background: var(--free);
        color: #fff;
      }
      .busy .pill {
        background: var(--busy);
        color: #fff;
      }
      .message {
        font-weight: 600;
        border-color: var(--busy);
      }
      .code {
        display: block;
        font-size: 0.75em;
        font-weight: 400;
        color: var(--text-muted);
      }
      .done {
        display: grid;
        gap: 0.6em;
        border-color: var(--free);
      }
      a.button.primary {
        background: var(--accent);
        border-color: var(--accent-border);
        color: #fff;
      }
      a.button {
        display: flex;
        align-items: center;
        justify-content: center;
        text-align: center;
        text-decoration: none;
      }
      [aria-invalid='true'] {
        border-color: var(--busy);
      }
    `,
  ];

  @property({ attribute: false }) code = '';
  @state() roomName = '';
  @state() schedule: DoorScheduleView | null = null;
  @state() minutes = 30;
  @state() booked: DoorBookingView | null = null;
  @state() message: Refusal | null = null;
  @state() sending = false;

  override connectedCallback(): void {
    super.connectedCallback();
    queueMicrotask(() => void this.load());
  }

  override render() {
    const s = this.schedule;
    return html`
      <header>
        <div>
          <p class="muted">${t('Book this room')}</p>
          <h1 data-testid="book-room">${this.roomName || t('Meeting room')}</h1>
          ${s ? html`<p class="muted">${i18n.date(s.time)}</p>` : nothing}
        </div>
        ${languageButton()}
      </header>
      ${
        this.message
          ? html`<p class="card message" role="alert" data-testid="book-message" data-code=${this.message.code}>${this.message.text}<span class="code">${this.message.code}</span></p>`
          : nothing
      }
      ${this.booked ? this.renderBooked(this.booked) : s ? this.renderForm(s) : nothing}
      ${s ? this.renderDay(s) : nothing}
    `;
  }

  private renderForm(s: DoorScheduleView) {
    const now = serverNow();
    const starts = freeStarts(s.busy, now, Date.parse(s.dayEnd), this.minutes);
    const invalid = (path: string) => (this.message?.fields.includes(path) ? 'true' : 'false');
    return html`<form class="card" @submit=${this.submit} data-testid="book-form">
      <h2>${t('Book')}</h2>
      <fieldset>
        <legend>${t('How long')}</legend>
        ${s.durations.map((n) => {
          const fits = freeStarts(s.busy, now, Date.parse(s.dayEnd), n).length > 0;
          return html`<button type="button" data-testid=${`book-length-${n}`} aria-pressed=${this.minutes === n ? 'true' : 'false'} ?disabled=${!fits} @click=${() => (this.minutes = n)}>${t('{n} min', { n })}</button>`;
        })}
      </fieldset>
      ${
        starts.length === 0
          ? html`<p data-testid="book-none">${t('No free time left today for {n} min.', { n: this.minutes })}</p>`
          : html`<label>${t('Start')}
              <select name="start" data-testid="book-start" aria-invalid=${invalid('body.start')}>
                ${starts.map((at) => html`<option value=${at === now ? '' : new Date(at).toISOString()}>${at === now ? t('Right now') : i18n.time(new Date(at))} – ${i18n.time(new Date(at + this.minutes * 60_000))}</option>`)}
              </select>
            </label>
            <label>${t('Title')}<input name="title" required maxlength="200" data-testid="book-title" aria-invalid=${invalid('body.title')} /></label>
            <label>${t('Your name')}<input name="name" required maxlength="120" autocomplete="name" data-testid="book-name" aria-invalid=${invalid('body.organiser.name')} /></label>
            <label>${t('Email (optional)')}<input name="email" type="email" maxlength="254" autocomplete="email" data-testid="book-email" aria-invalid=${invalid('body.organiser.email')} /></label>
            <button type="submit" class="primary" data-testid="book-submit" ?disabled=${this.sending}>${this.sending ? t('Booking…') : t('Book for {n} min', { n: this.minutes })}</button>`
      }
    </form>`;
  }

  private renderBooked({ meeting, meetingUrl }: DoorBookingView) {
    const url = new URL(meetingUrl, window.location.href);
    const opensAt = Date.parse(meeting.checkInOpensAt);
    return html`<section class="card done" data-testid="book-done" role="status">
      <h2>${t('Booked')}</h2>
      <p><strong data-testid="book-done-title">${meeting.title}</strong><br />${i18n.time(meeting.start)} – ${i18n.time(meeting.end)} · ${this.roomName}</p>
      <p class="muted">${opensAt > serverNow() ? t('Check-in opens at {time}.', { time: i18n.time(meeting.checkInOpensAt) }) : t('Check-in is open now.')}</p>
      <p class="muted">${t('If nobody checks in by {time}, the room is freed for others.', { time: i18n.time(meeting.autoReleaseAt) })}</p>
      <a class="button primary" data-testid="book-meeting-link" href=${url.pathname + url.search}>${t('Open the meeting page to check in')}</a>
      <button type="button" data-testid="book-again" @click=${this.again}>${t('Book another time')}</button>
    </section>`;
  }

  private renderDay(s: DoorScheduleView) {
    const dayEnd = Date.parse(s.dayEnd);
    const until = (ms: number) => (ms >= dayEnd ? t('end of day') : i18n.time(new Date(ms)));
    return html`<section class="card">
      <h2>${t('Today')}</h2>
      <ol data-testid="book-day">
        ${daySegments(s.busy, serverNow(), dayEnd).map(
          (seg) => html`<li class=${seg.kind}>
            <span class="when">${i18n.time(new Date(seg.start))} – ${until(seg.end)}</span>
            <span class="pill">${seg.kind === 'free' ? t('Free') : t('Busy')}</span>
            ${seg.kind === 'busy' ? html`<span>${seg.title ?? t('Private meeting')}</span>` : nothing}
          </li>`,
        )}
      </ol>
    </section>`;
  }

  /** No token on this page: the door code from the QR code is its only credential. */
  private api(): ApiClient {
    const client = new ApiClient(null);
    client.doorCode = this.code || null;
    return client;
  }

  private async load(): Promise<void> {
    const info = await this.api()
      .get<PanelInfo>('/api/v1/panel/info')
      .catch(() => null);
    if (info) {
      this.roomName = info.room.name;
      i18n.setTimeZone(info.room.timezone);
      // The room's language, unless this phone's person chose one here.
      if (!i18n.chosenHere) i18n.setLocale(info.locale);
    }
    if (!this.code) {
      this.message = refusalOf(new ApiError({ code: 'ROOMCTL_E_UNAUTHORIZED', message: 'No door code in the link' }, 0));
      return;
    }
    await this.loadSchedule();
  }

  private async loadSchedule(): Promise<void> {
    try {
      const s = await this.api().get<DoorScheduleView>('/api/v1/door/schedule');
      noteServerTime(s.time);
      i18n.setTimeZone(s.room.timezone);
      this.roomName = s.room.name;
      if (!s.durations.includes(this.minutes)) this.minutes = s.durations[0] ?? this.minutes;
      this.schedule = s;
    } catch (err) {
      this.refused(err);
    }
  }

  private async submit(event: SubmitEvent): Promise<void> {
    event.preventDefault();
    const data = new FormData(event.target as HTMLFormElement);
    const text = (name: string) => String(data.get(name) ?? '').trim();
    const body = {
      minutes: this.minutes,
      ...(text('start') ? { start: text('start') } : {}),
      title: text('title'),
      organiser: { name: text('name'), ...(text('email') ? { email: text('email') } : {}) },
    };
    this.sending = true;
    try {
      this.booked = await this.api().post<DoorBookingView>('/api/v1/door/bookings', body);
      this.message = null;
      void this.loadSchedule();
    } catch (err) {
      this.refused(err);
      // Someone was quicker: show what is free now.
      if (err instanceof ApiError && err.code === 'ROOMCTL_E_BOOKING_CONFLICT') void this.loadSchedule();
    } finally {
      this.sending = false;
    }
  }

  private again(): void {
    this.booked = null;
    void this.loadSchedule();
  }

  /** A refusal in words a person acts on; a bad or old code takes the form away (it cannot book). */
  private refused(err: unknown): void {
    this.message = refusalOf(err);
    if (this.message.needsNewScan) this.schedule = null;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'book-page': BookPage;
  }
}
