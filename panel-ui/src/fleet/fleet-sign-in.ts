import { LitElement, css, html } from 'lit';
import { customElement, state } from 'lit/decorators.js';
import { FleetApi, type FleetActorView } from './fleet-api.js';
import { FleetWordsController, ft } from './fleet-words.js';

export interface SignedIn {
  api: FleetApi;
  actor: FleetActorView;
}

/** Sign in with an operator token (`roomctl fleet operators add NAME` prints one). */
@customElement('fleet-sign-in')
export class FleetSignIn extends LitElement {
  static override styles = css`
    :host { display: block; max-width: 32em; margin: 3em auto; }
    form { display: flex; flex-direction: column; gap: 0.8em; }
    input { font: inherit; padding: 0.5em; border-radius: 6px; background: #18212b; color: inherit; border: 1px solid #2c3a49; }
    button { font: inherit; padding: 0.5em 1em; border-radius: 6px; border: 1px solid #2c3a49; background: #2f4a66; color: inherit; cursor: pointer; align-self: start; }
    .error { color: #ff6b6b; }
    .note { color: #a9b4c0; font-size: 0.9em; }
  `;

  @state() error = '';
  private readonly words = new FleetWordsController(this);

  private async submit(e: Event): Promise<void> {
    e.preventDefault();
    const token = (this.renderRoot.querySelector('input[name="token"]') as HTMLInputElement).value.trim();
    if (!token) return;
    const api = new FleetApi(token);
    try {
      const actor = await api.me();
      this.error = '';
      this.dispatchEvent(new CustomEvent<SignedIn>('signed-in', { detail: { api, actor }, bubbles: true, composed: true }));
    } catch {
      this.error = ft('That token belongs to no operator of this fleet.');
    }
  }

  override render() {
    return html`<h1>${ft('Fleet')}</h1>
      <form @submit=${(e: Event) => void this.submit(e)}>
        <label>${ft('Your operator token')} <input name="token" type="password" autocomplete="current-password" required /></label>
        <button type="submit" name="sign-in">${ft('Sign in')}</button>
        ${this.error ? html`<p class="error" role="alert">${this.error}</p>` : ''}
        <p class="note">${ft('Ask the fleet admin for a token: roomctl fleet operators add NAME')}</p>
      </form>`;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'fleet-sign-in': FleetSignIn;
  }
  interface HTMLElementEventMap {
    'signed-in': CustomEvent<SignedIn>;
  }
}
