import { css, html, nothing } from 'lit';
import { customElement, property, state } from 'lit/decorators.js';
import type { PairingAnswer } from '../../appliance/api/api-types.js';
import { ApiError, type ApiClient } from './api-client.js';
import { t } from './i18n.js';
import './pin-pad.js';
import { PanelElement } from './panel-element.js';

const CODE_KEY = 'roomctl.pair-code';
/** No 0/O or 1/I: the code is read off a screen and typed elsewhere. */
const ALPHABET = 'ABCDEFGHJKLMNPQRSTUVWXYZ23456789';
const POLL_MS = 2_000;

/** A refusal in the panel's language; the code is for IT, who look it up. */
function refused(err: unknown): string {
  if (err instanceof ApiError && err.code === 'ROOMCTL_E_NOT_FOUND')
    return t('The room was not waiting for this panel any more. It asks again: enter the PIN once more.');
  return t('The room refused ({code}). Try again in a moment, or tell IT.', { code: err instanceof ApiError ? err.code : t('no answer') });
}

/**
 * This panel's pairing code: made once and kept, so a code listed in the config stays valid.
 * `fresh` makes a new one (someone else asked with the old one first).
 */
export function pairCode(fresh = false): string {
  try {
    const saved = localStorage.getItem(CODE_KEY);
    if (!fresh && saved && /^[A-Z2-9]{8}$/.test(saved)) return saved;
  } catch {
    // A fresh code each load; pairing still works with the PIN.
  }
  const bytes = crypto.getRandomValues(new Uint8Array(8));
  const code = [...bytes].map((b) => ALPHABET[b % ALPHABET.length]).join('');
  try {
    localStorage.setItem(CODE_KEY, code);
  } catch {
    // See above.
  }
  return code;
}

/**
 * An unpaired panel: shows its code and waits. Someone approves it here with the admin PIN
 * (or on another panel's admin view), or the code is listed in the room's config. Emits
 * `paired` {token} once the appliance hands this panel its credential.
 */
@customElement('pair-screen')
export class PairScreen extends PanelElement {
  static override styles = css`
    :host {
      display: grid;
      grid-template-columns: minmax(0, 1fr) auto;
      gap: 1.2em;
      align-items: center;
      max-width: 60em;
      margin: 0 auto;
      width: 100%;
    }
    @media (orientation: portrait) {
      :host {
        grid-template-columns: 1fr;
      }
    }
    .code {
      font-size: 3em;
      font-weight: 800;
      letter-spacing: 0.12em;
      font-family: ui-monospace, 'DejaVu Sans Mono', monospace;
      white-space: nowrap;
    }
    .info {
      display: grid;
      gap: 0.6em;
    }
    @media (max-height: 560px) {
      h2 {
        font-size: 1.2em;
      }
      .code {
        font-size: 2em;
      }
      .info {
        gap: 0.3em;
      }
    }
  `;

  @property({ attribute: false }) api: ApiClient | null = null;
  @state() message = '';
  @state() withPin = false;
  private code = pairCode();
  private request: { requestId: string; claim: string } | null = null;
  /** When asking again is worth it (after a refusal that says how long to wait). */
  private askAfter = 0;
  private timer: number | undefined;
  private asking: Promise<void> | null = null;

  override connectedCallback(): void {
    super.connectedCallback();
    this.timer = window.setInterval(() => void this.poll(), POLL_MS);
    void this.ask();
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    window.clearInterval(this.timer);
  }

  override render() {
    const shown = `${this.code.slice(0, 4)}-${this.code.slice(4)}`;
    return html`
      <div class="info">
        <h2>${t('This panel is not paired with the room yet')}</h2>
        <p>${t('Pairing code')}</p>
        <p class="code" data-testid="pair-code">${shown}</p>
        <p class="muted">${t('Ask IT to approve this code with the admin PIN, or to list it in the secrets file (panel.pairCodes).')}</p>
        ${this.message ? html`<p role="status" data-testid="pair-message">${this.message}</p>` : nothing}
        ${this.withPin ? nothing : html`<button type="button" class="primary" data-testid="pair-with-pin" @click=${() => (this.withPin = true)}>${t('Approve here with the admin PIN')}</button>`}
      </div>
      ${this.withPin ? html`<pin-pad label=${t('Admin PIN')} @pin-submit=${(e: CustomEvent<{ pin: string }>) => void this.approve(e.detail.pin)}></pin-pad>` : nothing}
    `;
  }

  /**
   * One request at a time: a slow room must not be asked again by the poll while the first
   * answer is on its way, or an answer arriving late would replace the request the PIN approved.
   */
  private ask(): Promise<void> {
    this.asking ??= this.askOnce().finally(() => (this.asking = null));
    return this.asking;
  }

  private async askOnce(): Promise<void> {
    if (!this.api || Date.now() < this.askAfter) return;
    try {
      const answer = await this.api.post<PairingAnswer>('/api/v1/panels/pair', { code: this.code, name: t('Panel {code}', { code: this.code.slice(0, 4) }) });
      this.handle(answer);
    } catch (err) {
      const error = err instanceof ApiError ? err : null;
      if (error?.code === 'ROOMCTL_E_PAIRING_TAKEN') {
        // Someone else typed this panel's code before it asked: never wait behind their claim.
        this.code = pairCode(true);
        this.message = t("Another device asked with this panel's code, so it shows a new one. Tell IT.");
        return;
      }
      const wait = (error?.details as { retryAfterSeconds?: number } | undefined)?.retryAfterSeconds;
      if (wait) this.askAfter = Date.now() + wait * 1000;
      this.message = wait ? t('The room is busy with pairing requests. This panel asks again in {n} s.', { n: wait }) : refused(err);
    }
  }

  private async approve(pin: string): Promise<void> {
    if (!this.api) return;
    try {
      if (!this.request) await this.ask();
      // Approve this panel's own request, never whatever else waits with its code, and claim that one.
      const request = this.request;
      await this.api.post('/api/v1/panels/pair/approve', { code: this.code, pin, ...(request ? { requestId: request.requestId } : {}) });
      await this.poll(request);
    } catch (err) {
      const error = err instanceof ApiError ? err : null;
      const details = (error?.details ?? {}) as { attemptsLeft?: number; retryAfterSeconds?: number };
      this.message =
        error?.code === 'ROOMCTL_E_LOCKED_OUT'
          ? t('Too many wrong PINs. Try again in {n} s.', { n: details.retryAfterSeconds ?? 30 })
          : error?.code === 'ROOMCTL_E_UNAUTHORIZED'
            ? t('Wrong PIN. {n} tries left.', { n: details.attemptsLeft ?? 0 })
            : refused(err);
      // The room no longer holds this panel's request (it expired or the room restarted): ask again.
      if (error?.code === 'ROOMCTL_E_NOT_FOUND') {
        this.request = null;
        void this.ask();
      }
    }
  }

  private async poll(request = this.request): Promise<void> {
    if (!this.api) return;
    if (!request) return void this.ask();
    try {
      this.handle(await this.api.post<PairingAnswer>('/api/v1/panels/pair/claim', request));
    } catch (err) {
      // Expired (or the appliance restarted): ask again with the same code.
      if (err instanceof ApiError && err.code === 'ROOMCTL_E_NOT_FOUND') this.request = null;
    }
  }

  private handle(answer: PairingAnswer): void {
    if (answer.status === 'approved') {
      window.clearInterval(this.timer);
      this.dispatchEvent(new CustomEvent<{ token: string }>('paired', { detail: { token: answer.token }, bubbles: true, composed: true }));
      return;
    }
    this.request = { requestId: answer.requestId, claim: answer.claim };
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'pair-screen': PairScreen;
  }
  interface HTMLElementEventMap {
    paired: CustomEvent<{ token: string }>;
  }
}
