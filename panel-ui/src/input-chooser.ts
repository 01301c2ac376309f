import { css, html, nothing, type PropertyValues } from 'lit';
import { customElement, property, state } from 'lit/decorators.js';
import type { DeviceView } from '../../appliance/api/api-types.js';
import { inputLabel, inputsOf } from './device-words.js';
import { t } from './i18n.js';
import { PanelElement } from './panel-element.js';

/**
 * A display's input: one button that names the input on screen, and the whole list in a
 * dialog when pressed. Two displays with six and nine inputs laid out as buttons took three
 * times the height an 800×480 panel has; one row per display fits every panel size, and the
 * dialog (in the top layer, nothing under it moves) holds every input at once.
 */
@customElement('input-chooser')
export class InputChooser extends PanelElement {
  static override styles = css`
    :host {
      display: block;
      min-width: 0;
    }
    .pick {
      width: 100%;
      display: flex;
      align-items: center;
      justify-content: space-between;
      gap: 0.4em;
      font-size: 0.9em;
      line-height: 1.15;
      padding: 0.2em 0.6em;
      text-align: start;
    }
    .pick .what {
      min-width: 0;
    }
    .pick .kind {
      display: block;
      font-size: 0.75em;
      font-weight: 400;
      color: var(--text-muted);
    }
    dialog {
      width: min(40em, 94vw);
      max-height: 94vh;
      overflow: auto;
    }
    h3 {
      font-size: 1em;
      margin-bottom: 0.6em;
    }
    .inputs {
      display: grid;
      grid-template-columns: repeat(auto-fill, minmax(9em, 1fr));
      gap: 0.5em;
      margin-bottom: 0.6em;
    }
    .inputs button {
      font-size: 0.9em;
      line-height: 1.15;
      padding: 0.2em 0.5em;
    }
    .close {
      width: 100%;
    }
  `;

  @property({ attribute: false }) device: DeviceView | null = null;
  @property({ type: Boolean }) disabled = false;
  @state() open = false;

  override render() {
    const d = this.device;
    if (!d) return nothing;
    const inputs = inputsOf(d);
    const current = typeof d.state?.input === 'string' ? d.state.input : undefined;
    return html`<button
        type="button"
        class="pick"
        ?disabled=${this.disabled}
        aria-haspopup="dialog"
        aria-label=${t('Input of {name}: {input}', { name: d.name, input: current ? inputLabel(current, d) : t('not known') })}
        data-testid=${`input-pick-${d.id}`}
        @click=${() => (this.open = true)}
      >
        <span class="what"><span class="kind">${t('Input')}</span>${current ? inputLabel(current, d) : '—'}</span><span aria-hidden="true">▾</span>
      </button>
      <dialog aria-labelledby="title" data-testid=${`inputs-${d.id}`} @close=${() => (this.open = false)} @click=${(e: MouseEvent) => this.outside(e)}>
        ${
          this.open
            ? html`<h3 id="title">${t('Input of {name}', { name: d.name })}</h3>
              <div class="inputs" role="group" aria-labelledby="title">
                ${inputs.map(
                  (i) =>
                    html`<button type="button" aria-pressed=${current === undefined ? nothing : String(current === i)} data-testid=${`input-${d.id}-${i}`} @click=${() => this.choose(i)}>${inputLabel(i, d)}</button>`,
                )}
              </div>
              <button type="button" class="close" data-testid="inputs-close" @click=${() => (this.open = false)}>${t('Close')}</button>`
            : nothing
        }
      </dialog>`;
  }

  protected override willUpdate(): void {
    // The device went off while the list was open: the list goes too (its buttons would do nothing).
    if (this.disabled && this.open) this.open = false;
  }

  protected override updated(changed: PropertyValues<this>): void {
    if (!changed.has('open')) return;
    const dialog = this.renderRoot.querySelector('dialog');
    if (this.open && dialog && !dialog.open) dialog.showModal();
    if (!this.open && dialog?.open) dialog.close();
  }

  private choose(input: string): void {
    this.open = false;
    this.dispatchEvent(new CustomEvent<string>('input-chosen', { detail: input }));
  }

  /** A tap on the backdrop (outside the dialog's box) closes the list. */
  private outside(e: MouseEvent): void {
    const box = (e.currentTarget as HTMLDialogElement).getBoundingClientRect();
    if (e.clientX < box.left || e.clientX > box.right || e.clientY < box.top || e.clientY > box.bottom) this.open = false;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'input-chooser': InputChooser;
  }
}
