import { css, html, nothing } from 'lit';
import { customElement, property, state } from 'lit/decorators.js';
import { t } from './i18n.js';
import { PanelElement } from './panel-element.js';

/**
 * A PIN pad with big keys (no on-screen keyboard needed). The digits are never shown, only
 * dots. Emits `pin-submit` {pin}; the server checks it and counts the failures.
 */
@customElement('pin-pad')
export class PinPad extends PanelElement {
  static override styles = css`
    :host {
      display: grid;
      gap: 0.6em;
      justify-items: center;
    }
    .dots {
      font-size: 1.6em;
      letter-spacing: 0.3em;
      min-height: 1.4em;
    }
    .keys {
      display: grid;
      grid-template-columns: repeat(3, 5em);
      gap: 0.45em;
    }
    .keys button {
      min-height: 60px;
      font-size: 1.3em;
    }
    @media (max-height: 560px) {
      :host {
        gap: 0.3em;
      }
      .keys {
        grid-template-columns: repeat(4, 4em);
        gap: 0.35em;
      }
      .keys button {
        min-height: 50px;
      }
      .dots {
        font-size: 1.2em;
      }
    }
    .message {
      color: #ffa8a8;
      font-weight: 600;
      text-align: center;
    }
  `;

  @property({ type: String }) label = '';
  @property({ type: String }) message = '';
  @property({ type: Boolean }) locked = false;
  @state() pin = '';

  /** Empties the pad (after a refused PIN). */
  clear(): void {
    this.pin = '';
  }

  override render() {
    return html`
      <p>${this.label}</p>
      <p class="dots" aria-label=${t('{n} digits entered', { n: this.pin.length })} data-testid="pin-dots">${'●'.repeat(this.pin.length) || '\u00a0'}</p>
      ${this.message ? html`<p class="message" role="alert" data-testid="pin-message">${this.message}</p>` : nothing}
      <div class="keys" role="group" aria-label=${t('PIN keys')}>
        ${['1', '2', '3', '4', '5', '6', '7', '8', '9'].map((d) => this.key(d))}
        <button type="button" aria-label=${t('Delete last digit')} ?disabled=${this.locked} @click=${() => (this.pin = this.pin.slice(0, -1))}>⌫</button>
        ${this.key('0')}
        <button type="button" class="primary" data-testid="pin-ok" aria-label=${t('Confirm')} ?disabled=${this.locked || this.pin.length < 4} @click=${this.submit}>✓</button>
      </div>
    `;
  }

  private key(digit: string) {
    return html`<button type="button" data-testid=${`pin-${digit}`} ?disabled=${this.locked} @click=${() => this.pin.length < 12 && ((this.pin += digit))}>${digit}</button>`;
  }

  private submit(): void {
    const pin = this.pin;
    this.pin = '';
    this.dispatchEvent(new CustomEvent<{ pin: string }>('pin-submit', { detail: { pin }, bubbles: true, composed: true }));
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'pin-pad': PinPad;
  }
  interface HTMLElementEventMap {
    'pin-submit': CustomEvent<{ pin: string }>;
  }
}
