import { LitElement, css, html } from 'lit';

const STORAGE_KEY = 'roomctl.fleet.operator';

/** The name staff answer issues under: the room's panel shows it ("Li Wei has seen your call"). */
export function storedOperatorName(): string {
  try {
    return localStorage.getItem(STORAGE_KEY) ?? '';
  } catch {
    return '';
  }
}

/** "Your name" above the issues, kept in this browser; emits `operator-change` with the trimmed name. */
export class FleetOperatorName extends LitElement {
  static override properties = { name: { attribute: false } };

  static override styles = css`
    :host { display: block; }
    label { display: flex; flex-wrap: wrap; gap: 0.4em; align-items: center; font-size: 0.9em; }
    input { font: inherit; padding: 0.3em 0.5em; border-radius: 6px; background: #18212b; color: inherit; border: 1px solid #2c3a49; min-width: 12em; }
    .note { font-size: 0.8em; color: #a9b4c0; }
  `;

  name = storedOperatorName();

  private change(value: string): void {
    this.name = value.trim().slice(0, 80);
    try {
      localStorage.setItem(STORAGE_KEY, this.name);
    } catch {
      // Kept for this page only.
    }
    this.dispatchEvent(new CustomEvent<string>('operator-change', { detail: this.name, bubbles: true, composed: true }));
  }

  override render() {
    return html`<label>Your name
        <input name="operator" autocomplete="name" maxlength="80" placeholder="e.g. Li Wei (facilities)" .value=${this.name} @change=${(e: Event) => this.change((e.target as HTMLInputElement).value)} />
        <span class="note">The room's panel shows it when you acknowledge a help call.</span>
      </label>`;
  }
}

customElements.define('fleet-operator-name', FleetOperatorName);

declare global {
  interface HTMLElementTagNameMap {
    'fleet-operator-name': FleetOperatorName;
  }
  interface HTMLElementEventMap {
    'operator-change': CustomEvent<string>;
  }
}
