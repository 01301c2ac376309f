import { css, html } from 'lit';
import { customElement, property } from 'lit/decorators.js';
import { t } from './i18n.js';
import { PanelElement } from './panel-element.js';

/**
 * What stands in place of a QR code when the room is reachable from its own machine only
 * (PanelInfo.phonesReach false): a code carrying 127.0.0.1 opens nothing on a phone, so the
 * panel says so and what the person setting the room up can do about it. `brief` leaves out what
 * to do, where the screen has no room for it (check-in, the end summary; the idle screen says it).
 */
@customElement('no-phone-qr')
export class NoPhoneQr extends PanelElement {
  @property({ type: Boolean }) brief = false;

  static override styles = css`
    :host {
      display: block;
      min-width: 0;
    }
    p {
      margin: 0;
      overflow-wrap: anywhere;
    }
    .title {
      font-weight: 600;
    }
    .what {
      margin-top: 0.3em;
      font-size: 0.85em;
      color: var(--text-muted);
    }
    code {
      font-size: 0.95em;
    }
  `;

  override render() {
    const title = html`<p class="title">${t('Phones cannot open this room: it answers on this machine only.')}</p>`;
    if (this.brief) return title;
    return html`${title}
      <p class="what">${t('Start it with {listen}, or set {publicUrl} in its config.', { listen: '--listen 0.0.0.0:8080', publicUrl: 'api.publicUrl' })}</p>`;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'no-phone-qr': NoPhoneQr;
  }
}
