import { LitElement, css, html, nothing } from 'lit';
import { customElement, property, state } from 'lit/decorators.js';
import type { ApiClient } from './api-client.js';

/**
 * A QR code the appliance draws (GET …/qr.svg needs the panel's credential, so it is fetched
 * rather than linked) and shows as an image: the SVG never becomes part of the page's markup.
 */
@customElement('qr-code')
export class QrCode extends LitElement {
  static override styles = css`
    :host {
      display: inline-block;
    }
    img {
      display: block;
      width: 100%;
      height: 100%;
      background: #fff;
      border-radius: 10px;
      image-rendering: pixelated;
    }
  `;

  @property({ attribute: false }) api: ApiClient | null = null;
  @property({ type: String }) path = '';
  @property({ type: String }) label = '';
  @state() src = '';
  private loaded = '';

  protected override updated(): void {
    if (!this.api || !this.path || this.path === this.loaded) return;
    const path = this.path;
    this.loaded = path;
    this.api
      .text(path)
      .then((svg) => {
        if (this.path === path) this.src = `data:image/svg+xml;charset=utf-8,${encodeURIComponent(svg)}`;
      })
      .catch(() => {
        this.loaded = ''; // Try again on the next render (the link may be back).
      });
  }

  override render() {
    return this.src ? html`<img src=${this.src} alt=${this.label} />` : nothing;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'qr-code': QrCode;
  }
}
