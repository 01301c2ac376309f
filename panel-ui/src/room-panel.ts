import { LitElement, css, html, nothing } from 'lit';
import { repeat } from 'lit/directives/repeat.js';
import type { RoomState } from '../../appliance/api/api-types.js';
import { ApiError, type ApiClient } from './api-client.js';
import type { DeviceActionDetail } from './device-card.js';
import { RoomStreamController } from './room-stream-controller.js';
import './device-card.js';
import './room-clock.js';

interface Toast {
  tone: 'ok' | 'error';
  title: string;
  text: string;
  hint?: string;
  code?: string;
}

const ROOM_STATE_LABELS: Record<RoomState, string> = { idle: 'Free', booked: 'Booked', in_meeting: 'In a meeting' };
const TOAST_MS = { ok: 3_000, error: 8_000 } as const;
/** The API's hint for a refused token is for developers; a person at the panel needs this one. */
const TOKEN_HINT = 'Open the panel once with ?token=… (a token from the room\'s config) to allow its buttons.';

/**
 * The panel's first screen: the room, its clock, and a card per device. The live state
 * comes from the stream controller; actions from the cards are run here, so there is one
 * place that talks to the API and one toast for the result.
 */
export class RoomPanel extends LitElement {
  static override properties = {
    api: { attribute: false },
    toast: { state: true },
  };

  static override styles = css`
    :host {
      /* Readable from 1.5 m: ~22px at 800 wide, 24px from ~1000 wide up. */
      font-size: clamp(18px, 1.2vw + 12px, 24px);
      --surface: #18212b;
      --border: #2c3a49;
      --text-muted: #a9b4c0;
      --button: #233140;
      --button-border: #3d5166;
      --button-active: #34506b;
      --accent: #1f6fd1;
      --accent-border: #5aa0ff;
      --focus: #ffd43b;
      display: flex;
      flex-direction: column;
      min-height: 100vh;
      min-height: 100dvh;
      box-sizing: border-box;
      color: #e8edf2;
      background: #0f1419;
    }
    header {
      display: flex;
      align-items: center;
      justify-content: space-between;
      gap: 1em;
      padding: 0.6em 1em;
      border-bottom: 1px solid var(--border);
    }
    h1 {
      margin: 0;
      font-size: 1.8em;
      font-weight: 700;
      line-height: 1.1;
      overflow-wrap: anywhere;
    }
    .room-state {
      margin: 0.2em 0 0;
      color: var(--text-muted);
    }
    .banner {
      margin: 0;
      padding: 0.5em 1em;
      font-weight: 600;
    }
    .banner.offline {
      background: #8a1c1c;
      color: #fff;
    }
    .banner.connecting {
      background: #2a3b4d;
    }
    .banner.note {
      background: #4a3a0c;
      color: #ffe8a3;
      font-weight: 400;
      font-size: 0.85em;
    }
    main {
      flex: 1;
      padding: 0.8em 1em 1em;
      display: grid;
      grid-template-columns: repeat(auto-fill, minmax(min(100%, 15em), 1fr));
      align-content: start;
      gap: 0.8em;
    }
    main.stale device-card {
      opacity: 0.6;
    }
    /* 800×480 panels: give the height to the devices, not the header. */
    @media (max-height: 560px) {
      header {
        padding: 0.3em 0.8em;
      }
      h1 {
        font-size: 1.4em;
      }
      main {
        padding: 0.6em 0.8em 0.8em;
        gap: 0.6em;
      }
    }
    .empty {
      color: var(--text-muted);
    }
    /* At the top, over the header: at the bottom it would hide buttons (Stop, on a small panel). */
    .toast {
      position: fixed;
      left: 50%;
      top: 0.4em;
      transform: translateX(-50%);
      width: max-content;
      max-width: calc(100vw - 2em);
      box-sizing: border-box;
      padding: 0.6em 1em;
      border-radius: 12px;
      box-shadow: 0 6px 24px rgb(0 0 0 / 0.5);
      pointer-events: none;
    }
    .toast[hidden] {
      display: none;
    }
    .toast.ok {
      background: #1d4d2b;
      border: 2px solid #40c057;
    }
    .toast.error {
      background: #5c1717;
      border: 2px solid #ff6b6b;
    }
    .toast strong {
      display: block;
    }
    .toast .hint {
      display: block;
      margin-top: 0.2em;
      font-size: 0.85em;
    }
    .toast .code {
      display: block;
      font-size: 0.75em;
      opacity: 0.8;
      font-family: ui-monospace, 'DejaVu Sans Mono', monospace;
    }
  `;

  /** Set by main.ts; null until then (a panel without a client can show but not act). */
  declare api: ApiClient | null;
  declare toast: Toast | null;

  private readonly stream = new RoomStreamController(this);
  private toastTimer: number | undefined;

  constructor() {
    super();
    this.api = null;
    this.toast = null;
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    window.clearTimeout(this.toastTimer);
  }

  protected override updated(): void {
    const name = this.stream.status?.room.name;
    document.title = name ? `${name} · roomctl` : 'roomctl';
  }

  override render() {
    const { status, devices, connected } = this.stream;
    const room = status?.room;
    return html`
      <header>
        <div>
          <h1 data-testid="room-name">${room?.name ?? 'roomctl'}</h1>
          ${status ? html`<p class="room-state">${ROOM_STATE_LABELS[status.roomState] ?? status.roomState}</p>` : nothing}
        </div>
        <room-clock time-zone=${room?.timezone ?? ''}></room-clock>
      </header>
      ${this.renderBanners(status !== null, connected)}
      <main class=${connected ? '' : 'stale'} @device-action=${this.onDeviceAction}>
        ${repeat(
          devices,
          (d) => d.id,
          (d) => html`<device-card .device=${d} data-device-id=${d.id} data-status=${d.status}></device-card>`,
        )}
        ${status && devices.length === 0 ? html`<p class="empty">This room has no devices in its config.</p>` : nothing}
      </main>
      <div class="toast ${this.toast?.tone ?? ''}" role="status" aria-live="polite" data-testid="toast" ?hidden=${!this.toast}>
        ${this.toast
          ? html`<strong>${this.toast.title}</strong>${this.toast.text}
              ${this.toast.hint ? html`<span class="hint">${this.toast.hint}</span>` : nothing}
              ${this.toast.code ? html`<span class="code">${this.toast.code}</span>` : nothing}`
          : nothing}
      </div>
    `;
  }

  private renderBanners(hadSnapshot: boolean, connected: boolean) {
    const stream = connected
      ? nothing
      : hadSnapshot
        ? html`<p class="banner offline" role="alert" data-testid="offline-banner">Connection to the room lost. Reconnecting… What you see may be out of date.</p>`
        : html`<p class="banner connecting" data-testid="offline-banner">Connecting to the room…</p>`;
    const token = this.api && !this.api.token
      ? html`<p class="banner note">This panel has no access token, so the room will refuse its buttons. Open it once with <code>?token=…</code> in the address.</p>`
      : nothing;
    return html`${stream}${token}`;
  }

  private async onDeviceAction(event: CustomEvent<DeviceActionDetail>): Promise<void> {
    event.stopPropagation();
    const { deviceId, deviceName, action, params, label } = event.detail;
    const title = `${deviceName}: ${label}`;
    if (!this.api) {
      this.showToast({ tone: 'error', title, text: 'The panel is still starting; try again in a moment.' });
      return;
    }
    try {
      await this.api.runAction(deviceId, action, params);
      this.showToast({ tone: 'ok', title, text: 'Done.' });
    } catch (error) {
      if (error instanceof ApiError) {
        const refused = error.code === 'ROOMCTL_E_UNAUTHORIZED' || error.code === 'ROOMCTL_E_FORBIDDEN';
        this.showToast({ tone: 'error', title, text: error.message, hint: refused ? TOKEN_HINT : error.hint, code: error.code });
      } else {
        this.showToast({ tone: 'error', title, text: error instanceof Error ? error.message : String(error) });
      }
    }
  }

  private showToast(toast: Toast): void {
    this.toast = toast;
    window.clearTimeout(this.toastTimer);
    this.toastTimer = window.setTimeout(() => {
      this.toast = null;
    }, TOAST_MS[toast.tone]);
  }
}

customElements.define('room-panel', RoomPanel);

declare global {
  interface HTMLElementTagNameMap {
    'room-panel': RoomPanel;
  }
}
