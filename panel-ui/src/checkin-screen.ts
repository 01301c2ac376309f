import { css, html, nothing } from 'lit';
import { customElement, property, state } from 'lit/decorators.js';
import type { Attendee, CallStatus, CheckIn, RoomNowView } from '../../appliance/api/api-types.js';
import type { ApiClient } from './api-client.js';
import { i18n, t } from './i18n.js';
import { meetingTitle, meetingTitleStyles } from './meeting-title.js';
import { screenWithSide } from './panel-styles.js';
import { PanelElement } from './panel-element.js';
import { panelRequest } from './panel-events.js';
import { serverNow } from './server-time.js';
import { TickController } from './tick-controller.js';
import './call-button.js';
import './qr-code.js';
import { PhoneReachController, phoneReach } from './phone-reach.js';

/** The key the appliance knows a person by in one meeting (meeting-types.ts personKey). */
function keyOf(p: { email?: string; badge?: string; name?: string }): string {
  if (p.email) return `email:${p.email.toLowerCase()}`;
  if (p.badge) return `badge:${p.badge}`;
  return `name:${(p.name ?? '').trim().toLowerCase()}`;
}

/**
 * Check-in, while the window is open: badge (the reader does it), QR (the phone), or a tap on
 * your name; who is here and who is missing; the countdown to the auto-release while nobody
 * has come; and start.
 */
@customElement('checkin-screen')
export class CheckinScreen extends PanelElement {
  static override styles = [
    meetingTitleStyles,
    // The list of names scrolls in its own box, so start, the walk-in check-in and "free the
    // room" stay on screen however many people are invited and however long their names.
    screenWithSide('minmax(0, 1.3fr) minmax(0, 1fr)'),
    css`
      .head {
        grid-area: head;
        display: grid;
        gap: 0.3em;
      }
      /* Squeezed (a long title, a toast's row above the screen at 800×480), the list shows
         less of itself — its heading says how many are on it — and never lies over the
         walk-in field below. */
      .people-box {
        grid-area: body;
        display: flex;
        flex-direction: column;
        gap: 0.3em;
        min-height: 0;
        overflow: hidden;
      }
      .walkin {
        grid-area: foot;
        display: grid;
        grid-template-columns: minmax(0, 1fr) auto;
        gap: 0.5em;
        align-items: end;
      }
      .side {
        grid-area: side;
        display: grid;
        gap: 0.8em;
        align-content: start;
      }
      .when {
        font-size: 0.9em;
        white-space: nowrap;
      }
      h3 {
        font-size: 1em;
      }
      .people button.here:disabled {
        opacity: 1;
      }
      .countdown {
        border-radius: 16px;
        padding: 0.5em 0.9em;
        background: #4a3a0c;
        border: 2px solid var(--soon);
        color: #ffe8a3;
        font-weight: 600;
      }
      .countdown strong {
        font-size: 1.4em;
        font-variant-numeric: tabular-nums;
      }
      .people {
        display: grid;
        grid-template-columns: repeat(auto-fill, minmax(min(100%, 10em), 1fr));
        gap: 0.5em;
        align-content: start;
        /* Rows as tall as their names, even while the list scrolls (a minmax() row would
           stay at its minimum once the list is fuller than its box). */
        grid-auto-rows: max-content;
        overflow-y: auto;
        overscroll-behavior: contain;
        min-height: 56px;
      }
      /* A long name (28 characters and more) wraps inside its button, never out of it. */
      .people button {
        text-align: start;
        display: grid;
        grid-template-columns: auto minmax(0, 1fr);
        align-items: center;
        gap: 0.5em;
        font-size: 0.9em;
        line-height: 1.15;
        min-width: 0;
        padding: 0.15em 0.6em;
      }
      .people button .who {
        min-width: 0;
        overflow-wrap: anywhere;
      }
      .people button.here {
        background: #1d4d2b;
        border-color: #51cf66;
      }
      .mark {
        font-size: 1.2em;
        line-height: 1;
        flex: none;
      }
      .start {
        min-height: 80px;
        font-size: 1.3em;
      }
      .qr {
        display: flex;
        gap: 0.8em;
        align-items: center;
      }
      qr-code {
        width: 112px;
        height: 112px;
        flex: none;
      }
      @media (orientation: portrait) {
        .side {
          grid-template-columns: minmax(0, 1fr) minmax(0, 1fr);
        }
        .side .qr,
        .side .call {
          grid-column: 1 / -1;
        }
        .side .qr {
          order: 1;
        }
      }
      @media (max-height: 640px) {
        h2 {
          font-size: 1.25em;
          -webkit-line-clamp: 1;
        }
        .start {
          min-height: 56px;
        }
        .head {
          gap: 0.2em;
        }
        .countdown {
          padding: 0.3em 0.7em;
        }
        .people button {
          font-size: 0.8em;
        }
        qr-code {
          width: 88px;
          height: 88px;
        }
        .side {
          gap: 0.5em;
        }
      }
      @media (max-width: 560px) {
        .start {
          min-height: 56px;
          font-size: 1.1em;
        }
        qr-code {
          width: 88px;
          height: 88px;
        }
        .qr p {
          font-size: 0.85em;
        }
      }
    `,
  ];

  /** The QR code gives way to words when the room says phones cannot reach it. */
  private readonly reach = new PhoneReachController(this);
  @property({ attribute: false }) now: RoomNowView | null = null;
  @property({ attribute: false }) checkIns: CheckIn[] = [];
  @property({ attribute: false }) api: ApiClient | null = null;
  /** The room's online call (from the status), when the room joins calls. */
  @property({ attribute: false }) call: CallStatus | undefined;
  @state() walkIn = '';
  private readonly tick = new TickController(this);

  override render() {
    const m = this.now?.current;
    if (!m) return nothing;
    const here = new Set(this.checkIns.map((c) => c.personKey));
    const invited = m.attendees;
    const list = invited.length > 0;
    const missing = invited.filter((a) => !here.has(keyOf(a)));
    const walkIns = this.checkIns.filter((c) => c.walkIn);
    const nobody = this.checkIns.length === 0 && m.checkIns === 0;
    const releaseIn = Math.round((Date.parse(m.autoReleaseAt) - serverNow()) / 1000);
    const started = Date.parse(m.start) <= serverNow();
    return html`
      <div class="head">
        ${meetingTitle(m, 'checkin-title')}
        <p class="muted when">${i18n.time(m.start)} – ${i18n.time(m.end)}</p>
        ${
          nobody
            ? html`<p class="countdown" role="timer" data-testid="auto-release" aria-live="off">
              ${
                started
                  ? html`${t('Nobody has checked in. The room is released in')} <strong>${i18n.clock(releaseIn)}</strong>`
                  : html`${t('Check in when you arrive; the room is released {n} after the start if nobody does.', { n: i18n.duration((Date.parse(m.autoReleaseAt) - Date.parse(m.start)) / 1000) })}`
              }
            </p>`
            : html`<p data-testid="present-count">${t('{here} here, {missing} missing', { here: this.checkIns.length || m.checkIns, missing: missing.length })}</p>`
        }
      </div>
      ${
        // Nobody invited (booked at the door): no list to tap, only who checked in once someone has.
        list || walkIns.length > 0
          ? html`<div class="people-box">
        <h3 data-testid="people-heading">${
          // How many are on the list: on a short panel only a row of names shows, the rest scroll in its box.
          list ? `${t('Tap your name to check in')} (${invited.length})` : t('Checked in')
        }</h3>
        <div class="people" role="group" aria-label=${list ? t('Invited people') : t('Checked in')}>
          ${invited.map((a) => this.person(a, here.has(keyOf(a))))}
          ${walkIns.map((c) => html`<button type="button" class="here" disabled aria-label=${t('{name}, checked in', { name: c.name ?? c.email ?? '' })}><span class="mark" aria-hidden="true">✓</span><span class="who">${c.name ?? c.email}</span></button>`)}
        </div>
      </div>`
          : nothing
      }
      <form class="walkin" data-testid="walkin-form" @submit=${this.checkInWalkIn}>
        <label>${t('Not on the list? Your name')}<input name="walkin" autocomplete="off" .value=${this.walkIn} @input=${(e: Event) => (this.walkIn = (e.target as HTMLInputElement).value)} /></label>
        <button type="submit" data-testid="walkin-checkin" ?disabled=${!this.walkIn.trim()}>${t('Check in')}</button>
      </form>
      <div class="side">
        <call-button class="call" .meeting=${m} .call=${this.call} ?check-failed=${this.now?.selfTest?.failed.includes('call') === true}></call-button>
        <button type="button" class="primary start" data-testid="start-meeting" @click=${() => this.start(m.id)}>${t('Start meeting')}</button>
        ${this.checkInQr(m.id)}
        <button type="button" class="danger" data-testid="release" @click=${() => this.release(m.id)}>${t('We are not meeting: free the room')}</button>
      </div>
    `;
  }

  /** The phones' way in, once the room has said whether they reach it (none before: no code flashes on a room they cannot reach). */
  private checkInQr(meetingId: string) {
    if (phoneReach.reachable === undefined) return nothing;
    if (phoneReach.reachable === false)
      // What to do instead, alone: the reason (no-phone-qr) as well pushed "free the room" out of sight at 800×480 beside a call's Join.
      return html`<div class="card qr"><p data-testid="checkin-instead">${t('Check in here, or hold your badge to the reader.')}</p></div>`;
    return html`<div class="card qr">
      ${this.api?.token ? html`<qr-code .api=${this.api} path=${`/api/v1/meetings/${encodeURIComponent(meetingId)}/qr.svg`} label=${t('QR code: check in on your phone')}></qr-code>` : nothing}
      <p>${t('Scan to check in on your phone, or hold your badge to the reader.')}</p>
    </div>`;
  }

  private person(a: Attendee, isHere: boolean) {
    const name = a.name ?? a.email ?? a.badge ?? '?';
    return html`<button
      type="button"
      class=${isHere ? 'here' : ''}
      data-testid="person"
      aria-pressed=${String(isHere)}
      aria-label=${isHere ? t('{name}, checked in', { name }) : t('Check in {name}', { name })}
      ?disabled=${isHere}
      @click=${() => this.checkIn({ ...(a.email ? { email: a.email } : { name }), method: 'tap' }, name)}
    >
      <span class="mark" aria-hidden="true">${isHere ? '✓' : '○'}</span><span class="who">${name}</span>
    </button>`;
  }

  private checkIn(body: Record<string, unknown>, name: string): void {
    const m = this.now?.current;
    if (!m) return;
    // Quiet: the room's "checked in" notice says it worked (and names the person).
    panelRequest(this, {
      label: t('Check in {name}', { name }),
      method: 'POST',
      path: `/api/v1/meetings/${encodeURIComponent(m.id)}/checkins`,
      body,
    });
  }

  private checkInWalkIn(event: Event): void {
    event.preventDefault();
    const name = this.walkIn.trim();
    if (!name) return;
    this.checkIn({ name, walkIn: true, method: 'tap' }, name);
    this.walkIn = '';
  }

  private start(id: string): void {
    panelRequest(this, { label: t('Start meeting'), method: 'POST', path: `/api/v1/meetings/${encodeURIComponent(id)}/start` });
  }

  private release(id: string): void {
    // No success words: the room's own notice says it on every panel ("The room was released"), once.
    panelRequest(this, {
      label: t('Free the room'),
      method: 'POST',
      path: `/api/v1/meetings/${encodeURIComponent(id)}/release`,
    });
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'checkin-screen': CheckinScreen;
  }
}
