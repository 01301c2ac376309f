import { LitElement, css, html, nothing } from 'lit';
import { customElement, property, state } from 'lit/decorators.js';
import type { DoorAccessView } from '../../appliance/api/api-types.js';
import type { ApiClient } from './api-client.js';
import { serverNow } from './server-time.js';
import './qr-code.js';

/** Asked again this long after a failed try (the link may be back). */
const RETRY_MS = 15_000;
/** Asked this long after the next code is out, so the appliance has surely moved on. */
const AFTER_ROTATION_MS = 1_000;

/**
 * The door's booking QR code: the booking page with the current door code
 * (GET /api/v1/door/access, the panel's credential), drawn by the appliance through
 * `qr-code`, and replaced by itself when the next code is out. A code the room no longer
 * takes is never left on screen (offline for 10 minutes: no QR rather than a dead one).
 * The URL it encodes is on the element as `data-url`.
 */
@customElement('booking-qr')
export class BookingQr extends LitElement {
  static override styles = css`
    :host {
      display: inline-block;
    }
    qr-code {
      width: 100%;
      height: 100%;
    }
  `;

  @property({ attribute: false }) api: ApiClient | null = null;
  @property({ type: String }) label = '';
  @state() access: DoorAccessView | null = null;
  private timer: ReturnType<typeof setTimeout> | undefined;

  override connectedCallback(): void {
    super.connectedCallback();
    queueMicrotask(() => void this.load());
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    clearTimeout(this.timer);
    this.timer = undefined;
  }

  override render() {
    const code = this.access?.code;
    return code ? html`<qr-code .api=${this.api} path=${`/api/v1/door/qr.svg?code=${encodeURIComponent(code)}`} label=${this.label}></qr-code>` : nothing;
  }

  private async load(): Promise<void> {
    if (!this.api || !this.isConnected) return;
    clearTimeout(this.timer);
    let next = RETRY_MS;
    try {
      this.access = await this.api.get<DoorAccessView>('/api/v1/door/access');
      next = this.access.refreshInSeconds * 1000 + AFTER_ROTATION_MS;
    } catch {
      if (this.access && Date.parse(this.access.expiresAt) <= serverNow() + RETRY_MS) this.access = null;
    }
    if (this.access) this.dataset.url = this.access.url;
    else delete this.dataset.url;
    if (this.isConnected) this.timer = setTimeout(() => void this.load(), next);
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'booking-qr': BookingQr;
  }
}
