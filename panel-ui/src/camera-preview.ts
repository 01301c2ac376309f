import { LitElement, css, html, nothing, unsafeCSS } from 'lit';
import { customElement, property, state } from 'lit/decorators.js';
import type { ApiClient } from './api-client.js';
import { t } from './i18n.js';
import { LocaleController } from './locale-controller.js';
import { MjpegReader } from './mjpeg-reader.js';

/** After a broken stream (the media host restarting, the network), try again this much later. */
const RETRY_MS = 3000;
/** Short panels (800×480) keep the joystick and presets on screen instead of the picture. */
const TOO_SHORT = '(max-height: 560px)';

/**
 * What the camera sees, live, beside the joystick: the room's MJPEG preview, read with the
 * panel's credential in a header (never in a URL), each frame shown as it arrives. The
 * stream is open only while the element is on screen and tall enough to show it, so an
 * on-demand media pipeline goes idle again when nobody steers.
 */
@customElement('camera-preview')
export class CameraPreview extends LitElement {
  static override styles = css`
    :host {
      display: block;
    }
    .frame {
      position: relative;
      aspect-ratio: 16 / 9;
      width: 100%;
      border-radius: 12px;
      background: #05080b;
      display: grid;
      place-items: center;
      overflow: hidden;
      color: var(--text-muted, #a9b4c0);
      font-size: 0.85em;
    }
    /* Out of the flow: the picture takes the width it is given and never widens its column. */
    img {
      position: absolute;
      inset: 0;
      width: 100%;
      height: 100%;
      object-fit: contain;
    }
    @media ${unsafeCSS(TOO_SHORT)} {
      :host {
        display: none;
      }
    }
  `;

  @property({ attribute: false }) api: ApiClient | null = null;
  @property({}) label = '';
  @state() frame: string | null = null;
  @state() waiting = true;
  private readonly locale = new LocaleController(this);
  private readonly tooShort = window.matchMedia(TOO_SHORT);
  private running: AbortController | null = null;
  private retry: number | undefined;

  override connectedCallback(): void {
    super.connectedCallback();
    this.tooShort.addEventListener('change', this.restart);
    this.restart();
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    this.tooShort.removeEventListener('change', this.restart);
    this.halt();
  }

  protected override updated(changed: Map<string, unknown>): void {
    if (changed.has('api') && changed.get('api') !== undefined) this.restart();
  }

  override render() {
    return html`<div class="frame" role="img" aria-label=${this.label} data-testid="camera-preview">
      ${this.frame ? html`<img src=${this.frame} alt="" />` : this.waiting ? html`<span>${t('Starting the picture…')}</span>` : nothing}
    </div>`;
  }

  private readonly restart = () => {
    this.halt();
    if (!this.isConnected || !this.api || this.tooShort.matches) return;
    const running = new AbortController();
    this.running = running;
    void this.read(this.api, running.signal);
  };

  private halt(): void {
    window.clearTimeout(this.retry);
    this.running?.abort();
    this.running = null;
    this.show(null);
  }

  private async read(api: ApiClient, signal: AbortSignal): Promise<void> {
    this.waiting = true;
    try {
      const body = (await api.stream('/api/v1/media/preview.mjpeg', signal)).body;
      if (!body) throw new Error('no body');
      const bytes = body.getReader();
      const reader = new MjpegReader();
      for (;;) {
        const { done, value } = await bytes.read();
        if (done) break;
        const frames = reader.push(value);
        const last = frames.at(-1);
        // Only the newest frame is worth drawing; a slow panel skips the rest.
        if (last) this.show(URL.createObjectURL(new Blob([last], { type: 'image/jpeg' })));
      }
    } catch {
      // Aborted (left the screen) or broken (host restart, network): shown as waiting below.
    }
    if (signal.aborted) return;
    this.waiting = false;
    this.retry = window.setTimeout(this.restart, RETRY_MS);
  }

  private show(url: string | null): void {
    if (this.frame) URL.revokeObjectURL(this.frame);
    this.frame = url;
    if (url) this.waiting = false;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'camera-preview': CameraPreview;
  }
}
