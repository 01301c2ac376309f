import { css, html, nothing } from 'lit';
import { customElement, property } from 'lit/decorators.js';
import type { CallStatus, MeetingView } from '../../appliance/api/api-types.js';
import { t } from './i18n.js';
import { PanelElement } from './panel-element.js';
import { panelRequest } from './panel-events.js';
import { serverNow } from './server-time.js';
import { TickController } from './tick-controller.js';

/** The Join button shows from this long before the start (the room refuses earlier joins too). */
const JOIN_OPENS_MS = 10 * 60_000;

/**
 * The meeting's online call on the room's display: "Join Zoom" from 10 minutes before the
 * start, the call's state while it opens, Leave while it runs, and that it failed — in the
 * panel's words; the room's own reason (the browser's English, "stopped (SIGKILL)") is in the
 * tooltip, the admin view's logs and the fleet's issue, for whoever fixes the room. Shown only
 * when the room joins calls (`call` in the status) and the meeting has a link it may open; a
 * SIP-only meeting shows its address for a video system instead.
 */
@customElement('call-button')
export class CallButton extends PanelElement {
  static override styles = css`
    :host {
      display: block;
    }
    .call {
      display: flex;
      flex-wrap: wrap;
      gap: 0.5em;
      align-items: center;
    }
    .call button {
      flex: 1 0 auto;
      min-height: 60px;
      white-space: nowrap;
    }
    .state {
      flex: 1 1 100%;
      margin: 0;
      font-size: 0.85em;
      overflow-wrap: anywhere;
      /* Two lines at most, so the agenda below keeps its place. */
      display: -webkit-box;
      -webkit-line-clamp: 2;
      -webkit-box-orient: vertical;
      overflow: hidden;
    }
    .pill.joining { background: #8fa8c0; color: #0c1a26; }
    .pill.in-call { background: #40c057; color: #062310; }
    .pill.failed { background: #ff6b6b; color: #2d0303; }
    @media (max-height: 640px) {
      .call button {
        min-height: 48px;
      }
    }
  `;

  @property({ attribute: false }) meeting: MeetingView | null = null;
  @property({ attribute: false }) call: CallStatus | undefined = undefined;
  @property({ type: Boolean, attribute: 'check-failed' }) checkFailed = false;
  private readonly tick = new TickController(this, 5000);

  override render() {
    const m = this.meeting;
    const online = m?.online;
    if (!m || !online || !this.call) return nothing;
    if (online.provider === 'sip')
      return online.dialString
        ? html`<p class="muted state" data-testid="call-dial">${t('Video call: {address}', { address: online.dialString })}</p>`
        : nothing;
    if (serverNow() < Date.parse(m.start) - JOIN_OPENS_MS) return nothing;
    const call = this.call.meetingId === m.id ? this.call : undefined;
    const state = call?.state ?? 'idle';
    const name = online.name;
    return html`<div class="call" data-testid="call" data-state=${state}>
      ${
        state === 'joining'
          ? html`<span class="pill joining" role="status" data-testid="call-state">${t('Joining {name}…', { name })}</span>`
          : state === 'in-call'
            ? html`<span class="pill in-call" role="status" data-testid="call-state">${t('In the call')}</span>
              <button type="button" class="danger" data-testid="call-leave" @click=${this.leave}>${t('Leave the call')}</button>`
            : html`<button type="button" class="good" data-testid="call-join" @click=${() => this.join(m.id, name)}>${t('Join {name}', { name })}</button>`
      }
      ${
        state === 'failed'
          ? html`<p class="state" role="alert" data-testid="call-failed" title=${call?.detail ?? ''}><span class="pill failed">${t('The call failed')}</span> ${t('Press Join to try again, or call for help.')}</p>`
          : nothing
      }
      ${this.checkFailed && state !== 'in-call' ? html`<p class="state muted" data-testid="call-check-failed">${t('The check before the meeting could not reach {name}: the organiser has the link and dial-in to join another way.', { name })}</p>` : nothing}
    </div>`;
  }

  private join(id: string, name: string): void {
    panelRequest(this, { label: t('Join {name}', { name }), method: 'POST', path: `/api/v1/meetings/${encodeURIComponent(id)}/join` });
  }

  private readonly leave = () => {
    panelRequest(this, { label: t('Leave the call'), method: 'POST', path: '/api/v1/call/leave' });
  };
}

declare global {
  interface HTMLElementTagNameMap {
    'call-button': CallButton;
  }
}
