import { css, html, nothing } from 'lit';
import { customElement, property, state } from 'lit/decorators.js';
import type { AgendaNowView, CheckInResultView, MeetingView, PanelInfo } from '../../appliance/api/api-types.js';
import { ApiError, type ApiClient } from './api-client.js';
import { i18n, t } from './i18n.js';
import { agendaItemTime } from './agenda-item-time.js';
import { meetingRefusalWords } from './meeting-refusal-words.js';
import { languageButton } from './language-button.js';
import { PanelElement } from './panel-element.js';
import type { PanelRequest } from './panel-events.js';
import { phonePageStyles } from './phone-page-styles.js';
import './minutes-screen.js';
import './phone-conversation.js';
import './phone-rating.js';
import type { PhonePerson } from './phone-conversation.js';
import { ZH_CN } from './zh-cn.js';
import { ZH_CN_MEETING_PAGE } from './zh-cn-meeting-page.js';
import { ZH_CN_PHONE_PAGES } from './zh-cn-phone-pages.js';

// This page's own words load with it only, not with the panel.
Object.assign(ZH_CN, ZH_CN_PHONE_PAGES, ZH_CN_MEETING_PAGE);

/** How often the page asks for the floor, polls and agenda again while the meeting runs. */
const REFRESH_MS = 3000;
/** How long "…: saved" stays at the foot of the screen. */
const SAVED_MS = 4000;

/** The meeting on a phone: check in (tap, no app, no account), the agenda, the minutes. */
@customElement('meeting-page')
export class MeetingPage extends PanelElement {
  static override styles = [
    phonePageStyles,
    css`
      /* The page scrolls in its own box, the saved bar below it: the bar takes its height from
         the box and lies over nothing (fixed over the page, it hid "Add decision" for its 4 s). */
      :host {
        display: flex;
        flex-direction: column;
        height: 100dvh;
        padding: 0;
      }
      .page {
        flex: 1 1 auto;
        min-height: 0;
        overflow-y: auto;
        display: grid;
        align-content: start;
        gap: 1em;
        padding: 1em;
      }
      form {
        display: grid;
        gap: 0.5em;
      }
      ol {
        margin: 0;
        padding-left: 1.2em;
      }
      li.current {
        font-weight: 700;
        color: #8fb8e6;
      }
      .message {
        font-weight: 600;
      }
      /* Where the person is (the page scrolled to the minutes), not at its top, and only a moment. */
      .saved {
        flex: none;
        margin: 0 1em 1em;
        padding: 0.8em 1em;
        border-radius: 12px;
        background: #1d4d2b;
        border: 2px solid #40c057;
        font-weight: 600;
        box-shadow: 0 4px 16px rgb(0 0 0 / 0.5);
      }
      .link {
        font-size: 0.8em;
        overflow-wrap: anywhere;
      }
      section p {
        margin: 0.3em 0;
      }
      a {
        color: #8fb8e6;
      }
    `,
  ];

  @property({ attribute: false }) meetingId = '';
  @property({ attribute: false }) api: ApiClient | null = null;
  @state() meeting: MeetingView | null = null;
  @state() agenda: AgendaNowView | null = null;
  @state() checkedIn: string | null = null;
  /** Who this phone checked in as: it raises their hand and casts their vote. */
  @state() me: PhonePerson | null = null;
  @state() message = '';
  /** What was just saved: a moment at the foot of the screen (a refusal stays in `message`, to be read). */
  @state() saved = '';
  private refresh: number | undefined;
  private savedTimer: number | undefined;
  /** What the person last pressed ("Add decision"): kept in sight while "…: saved" shows. */
  private pressed: Element | null = null;
  /**
   * The bar's coming shrinks the page's box and the saved entry lengthens the list above the
   * form: either would push what was just pressed below the box's fold, out of reach for the
   * next entry. While the bar shows, it is brought back into sight.
   */
  private readonly keepPressedInSight = new ResizeObserver(() => {
    if (this.saved && this.pressed?.isConnected) this.pressed.scrollIntoView({ block: 'nearest' });
  });

  constructor() {
    super();
    this.addEventListener('click', (e) => (this.pressed = e.composedPath()[0] as Element));
    this.addEventListener('panel-request', (e) => void this.run(e.detail));
    this.addEventListener('conversation-changed', () => void this.reloadMeeting());
  }

  override connectedCallback(): void {
    super.connectedCallback();
    queueMicrotask(() => {
      this.me = this.rememberedCheckIn();
      if (this.me) this.checkedIn = this.me.name;
      void this.load();
    });
    // The floor and polls move while the meeting runs; a phone has no stream, so it asks again —
    // from the booking on: a phone that checked in before the start must see the meeting start.
    this.refresh = window.setInterval(() => {
      const status = this.meeting?.status;
      if ((status === 'booked' || status === 'in_progress') && document.visibilityState === 'visible') void this.reloadMeeting();
    }, REFRESH_MS);
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    this.keepPressedInSight.disconnect();
    window.clearInterval(this.refresh);
    window.clearTimeout(this.savedTimer);
  }

  private rememberedCheckIn(): PhonePerson | null {
    try {
      return JSON.parse(localStorage.getItem(`roomctl.me.${this.meetingId}`) ?? 'null') as PhonePerson | null;
    } catch {
      return null;
    }
  }

  private async reloadMeeting(): Promise<void> {
    if (!this.api) return;
    const id = encodeURIComponent(this.meetingId);
    this.meeting = await this.api.get<MeetingView>(`/api/v1/meetings/${id}`).catch(() => this.meeting);
    // The agenda moves on, and is edited on the panel or here, while the meeting runs.
    this.agenda = await this.api.get<AgendaNowView>(`/api/v1/meetings/${id}/agenda`).catch(() => this.agenda);
  }

  override render() {
    const m = this.meeting;
    return html`<div class="page">
      <header>
        <div>
          <h1 data-testid="phone-title">${m ? (m.hidden ? t('Private meeting') : m.title) : t('Meeting')}</h1>
          ${m ? html`<p class="muted">${i18n.date(m.start)} · ${i18n.time(m.start)} – ${i18n.time(m.end)}</p>` : nothing}
        </div>
        ${languageButton()}
      </header>
      ${this.message ? html`<p class="card message" role="status">${this.message}</p>` : nothing}
      ${
        // A meeting that is over (opened from the minutes email) has nothing to check in to: its minutes come first.
        m && m.status !== 'booked' && m.status !== 'in_progress'
          ? nothing
          : html`<section class="card">
        ${
          this.checkedIn
            ? html`<p data-testid="phone-checked-in">${t('{name}, you are checked in.', { name: this.checkedIn })}</p>`
            : html`<form @submit=${this.checkIn}>
              <h2>${t('Check in')}</h2>
              <label>${t('Your name')}<input name="name" required maxlength="120" autocomplete="name" /></label>
              <label>${t('Email (optional)')}<input name="email" type="email" maxlength="254" autocomplete="email" /></label>
              <button type="submit" class="primary">${t('Check in')}</button>
            </form>`
        }
      </section>`
      }
      ${
        // Opened from the minutes email, after the meeting: the person's own rating of the room comes first.
        m?.status === 'ended' && this.api?.minutesReader
          ? html`<section class="card" id="rate"><phone-rating .meetingId=${this.meetingId} .api=${this.api}></phone-rating></section>`
          : nothing
      }
      ${m?.online ? this.online(m.online) : nothing}
      ${
        this.agenda && this.agenda.items.length > 0
          ? html`<section class="card">
            <h2>${t('Agenda')}</h2>
            <ol data-testid="phone-agenda">${this.agenda.items.map((i) => html`<li class=${i.position === this.agenda!.currentPosition ? 'current' : ''}>${i.title} · ${agendaItemTime(i)}</li>`)}</ol>
          </section>`
          : nothing
      }
      <phone-conversation .meeting=${this.meeting} .api=${this.api} .me=${this.me}></phone-conversation>
      ${this.meetingId ? html`<minutes-screen meeting-id=${this.meetingId} .api=${this.api}></minutes-screen>` : nothing}
      </div>
      ${this.saved ? html`<p class="saved" role="status" data-testid="phone-saved">${this.saved}</p>` : nothing}
    `;
  }

  protected override updated(): void {
    for (const box of this.renderRoot.querySelectorAll('.page, minutes-screen')) this.keepPressedInSight.observe(box);
  }

  /** For remote attendees: the meeting's link (only of a known service or an allowed domain), its id, passcode and video address. */
  private online(online: NonNullable<MeetingView['online']>) {
    return html`<section class="card" data-testid="phone-online">
      <h2>${t('Join online')}</h2>
      ${online.url && online.provider !== 'sip' ? html`<p><a href=${online.url} target="_blank" rel="noopener noreferrer" data-testid="phone-online-link">${t('Open the meeting link')} · ${online.name}</a></p><p class="muted link">${online.url}</p>` : html`<p>${online.name}</p>`}
      ${online.meetingId ? html`<p>${t('Meeting ID')}: <strong>${online.meetingId}</strong></p>` : nothing}
      ${online.passcode ? html`<p>${t('Passcode')}: <strong>${online.passcode}</strong></p>` : nothing}
      ${online.dialString ? html`<p data-testid="phone-online-dial">${t('Video system')}: <strong>${online.dialString}</strong></p>` : nothing}
    </section>`;
  }

  private async load(): Promise<void> {
    if (!this.api || !this.meetingId) return;
    try {
      this.meeting = await this.api.get<MeetingView>(`/api/v1/meetings/${encodeURIComponent(this.meetingId)}`);
      // Times in the room's zone, wherever the phone is set.
      const info = await this.api.get<PanelInfo>('/api/v1/panel/info').catch(() => null);
      if (info) i18n.setTimeZone(info.room.timezone);
      this.agenda = await this.api.get<AgendaNowView>(`/api/v1/meetings/${encodeURIComponent(this.meetingId)}/agenda`).catch(() => null);
    } catch (err) {
      this.message = meetingRefusalWords(err);
    }
  }

  private async checkIn(event: Event): Promise<void> {
    event.preventDefault();
    if (!this.api) return;
    const data = new FormData(event.target as HTMLFormElement);
    const name = String(data.get('name') ?? '').trim();
    const email = String(data.get('email') ?? '').trim();
    const who = { name, ...(email ? { email } : {}) };
    const path = `/api/v1/meetings/${encodeURIComponent(this.meetingId)}/checkins`;
    try {
      let result: CheckInResultView;
      try {
        result = await this.api.post<CheckInResultView>(path, who);
      } catch (err) {
        // Not on the invite list: come in as a walk-in, which is what the person meant.
        if (!(err instanceof ApiError) || err.code !== 'ROOMCTL_E_BAD_REQUEST') throw err;
        result = await this.api.post<CheckInResultView>(path, { ...who, walkIn: true });
      }
      this.checkedIn = result.checkIn.name ?? name;
      // Remembered on this phone: it raises this person's hand and casts their vote, after a reload too.
      this.me = { name: result.checkIn.name ?? name, ...(result.checkIn.email ? { email: result.checkIn.email } : {}) };
      try {
        localStorage.setItem(`roomctl.me.${this.meetingId}`, JSON.stringify(this.me));
      } catch {
        // Kept for this page only.
      }
      this.message = '';
    } catch (err) {
      this.message = meetingRefusalWords(err);
    }
  }

  private async run(request: PanelRequest): Promise<void> {
    if (!this.api) return;
    try {
      request.done?.(await this.api.send(request.method, request.path, request.body));
      this.message = '';
      this.saved = t('{what}: saved', { what: request.label });
      window.clearTimeout(this.savedTimer);
      this.savedTimer = window.setTimeout(() => (this.saved = ''), SAVED_MS);
    } catch (err) {
      if (err instanceof ApiError && request.answersRefusal?.(err)) {
        this.message = '';
        return;
      }
      this.message = `${t('{what}: not done', { what: request.label })} — ${meetingRefusalWords(err)}`;
    }
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'meeting-page': MeetingPage;
  }
}
