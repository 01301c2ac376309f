import { LitElement, css, html, nothing, type PropertyValues } from 'lit';
import type { DeviceView, StillOutcome } from '../../appliance/api/api-types.js';
import { t } from './i18n.js';
import { icons } from './icons.js';
import { LocaleController } from './locale-controller.js';
import { panelStyles } from './panel-styles.js';
import { presetStills, PresetStillsController } from './preset-still-cache.js';

export interface PresetTile {
  preset: number;
  name: string;
}

/** `preset-save`: the parent runs preset.save, then calls `settled` with the API's answer (null when it failed). */
export interface PresetSaveDetail extends PresetTile {
  settled(answer: unknown): void;
}

/** How long a press must last to save: long enough that a tap never overwrites a preset by accident. */
const HOLD_MS = 1500;
/** A save the panel hears nothing back about (refused while offline) stops showing as busy after this. */
const SAVE_GIVE_UP_MS = 12_000;
const NOTE_MS = 8000;

/**
 * A camera's presets as tiles: the preset's still (16:9) with its name under it, or a camera
 * icon where there is no still. A tap recalls the preset; pressing and holding one for
 * 1.5 s (or its context menu, from a keyboard) asks to save the camera's current view in
 * it. Events up: `preset-recall` (PresetTile), `preset-save` (PresetSaveDetail).
 */
export class PresetTiles extends LitElement {
  static override properties = {
    camera: { attribute: false },
    presets: { attribute: false },
    hint: { type: Boolean },
    holding: { state: true },
    confirming: { state: true },
    saving: { state: true },
    note: { state: true },
  };

  static override styles = [
    panelStyles,
    css`
      :host {
        display: grid;
        gap: 0.5em;
      }
      .tiles {
        display: grid;
        /* --tile-repeat: auto-fit stretches a short row across the width (the quick controls). */
        grid-template-columns: repeat(var(--tile-repeat, auto-fill), minmax(min(100%, var(--tile-min, 6em)), 1fr));
        gap: 0.5em;
      }
      .tile {
        position: relative;
        display: grid;
        grid-template-rows: auto auto;
        gap: 0.25em;
        padding: 0.3em;
        min-height: 56px;
        overflow: hidden;
        -webkit-touch-callout: none;
        user-select: none;
      }
      .thumb {
        display: grid;
        place-items: center;
        aspect-ratio: 16 / 9;
        width: 100%;
        /* Short panels make the picture smaller, never its shape different. */
        max-width: var(--thumb-max, none);
        justify-self: center;
        border-radius: 8px;
        overflow: hidden;
        background: #0b1015;
        color: var(--text-muted);
      }
      .thumb img {
        width: 100%;
        height: 100%;
        object-fit: cover;
        display: block;
        pointer-events: none;
      }
      .thumb svg {
        width: 2em;
        height: 2em;
      }
      .name {
        font-size: 0.85em;
        line-height: 1.2;
        overflow-wrap: break-word;
        hyphens: auto;
      }
      .bar {
        position: absolute;
        left: 0;
        bottom: 0;
        height: 5px;
        width: 100%;
        background: var(--focus);
        transform-origin: left;
        transform: scaleX(0);
      }
      .holding .bar {
        animation: hold ${HOLD_MS}ms linear forwards;
      }
      @keyframes hold {
        to {
          transform: scaleX(1);
        }
      }
      .busy {
        position: absolute;
        inset: 0;
        display: grid;
        place-items: center;
        background: rgb(15 20 25 / 0.7);
        font-size: 0.85em;
      }
      dialog {
        max-width: min(26em, 90vw);
        padding: 1em;
        border-radius: var(--radius);
        border: 2px solid var(--focus);
        background: var(--surface-2);
        color: var(--text);
      }
      dialog::backdrop {
        background: rgb(0 0 0 / 0.55);
      }
      dialog p {
        margin-bottom: 0.8em;
      }
      dialog .row button {
        flex: 1;
      }
      .hint,
      .note {
        font-size: 0.85em;
      }
      @media (max-height: 560px) {
        .hint {
          display: none;
        }
      }
    `,
  ];

  declare camera: DeviceView;
  declare presets: PresetTile[];
  /** Show how to save (the controls screen); elsewhere the hint is for screen readers only. */
  declare hint: boolean;
  declare holding: number | null;
  declare confirming: PresetTile | null;
  declare saving: number | null;
  declare note: string | null;
  private readonly locale = new LocaleController(this);
  private readonly stills = new PresetStillsController(this);
  private holdTimer: number | undefined;
  private noteTimer: number | undefined;
  private savingTimer: number | undefined;
  /** The press that just ended was a hold: its click must not recall the preset. */
  private held = false;

  constructor() {
    super();
    this.presets = [];
    this.hint = false;
    this.holding = null;
    this.confirming = null;
    this.saving = null;
    this.note = null;
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    for (const timer of [this.holdTimer, this.noteTimer, this.savingTimer]) window.clearTimeout(timer);
  }

  override render() {
    if (!this.camera) return nothing;
    const versions = new Map((this.camera.presetStills ?? []).map((s) => [s.preset, s.version]));
    const canSave = this.camera.actions.some((a) => a.name === 'preset.save');
    return html`
      <div class="tiles" role="group" aria-label=${t('Camera presets')} aria-describedby=${canSave ? 'hold-hint' : nothing}>
        ${this.presets.map((p) => this.tile(p, versions.get(p.preset), canSave))}
      </div>
      ${canSave ? html`<p id="hold-hint" class=${this.hint ? 'hint muted' : 'sr-only'}>${t('Press and hold a preset to save the current view in it.')}</p>` : nothing}
      ${canSave ? this.confirmDialog() : nothing}
      ${this.note ? html`<p class="note muted" role="status" data-testid="preset-note">${this.note}</p>` : nothing}
    `;
  }

  protected override updated(changed: PropertyValues<this>): void {
    if (!changed.has('confirming')) return;
    // A modal dialog: in the top layer (nothing under the finger moves), the rest of the panel inert, Esc cancels.
    const dialog = this.renderRoot.querySelector('dialog');
    if (this.confirming && dialog && !dialog.open) dialog.showModal();
    if (!this.confirming && dialog?.open) dialog.close();
  }

  private tile(p: PresetTile, version: string | undefined, canSave: boolean) {
    const url = presetStills.url(this.camera.id, p.preset, version);
    const end = () => this.endPress();
    return html`<button
      type="button"
      class="tile ${this.holding === p.preset ? 'holding' : ''}"
      data-testid=${`preset-${p.preset}`}
      aria-current=${this.camera.state?.lastPreset === p.preset ? 'true' : nothing}
      aria-busy=${this.saving === p.preset ? 'true' : nothing}
      @pointerdown=${(e: PointerEvent) => this.press(e, p, canSave)}
      @pointerup=${end}
      @pointercancel=${end}
      @pointerleave=${end}
      @click=${() => this.clicked(p)}
      @contextmenu=${(e: Event) => this.menu(e, p, canSave)}
    >
      <span class="thumb">${url ? html`<img src=${url} alt="" draggable="false" data-testid=${`preset-still-${p.preset}`} @error=${() => presetStills.broken(this.camera.id, p.preset)} />` : icons.camera}</span>
      <span class="name">${p.name}</span>
      ${canSave ? html`<span class="bar" aria-hidden="true"></span>` : nothing}
      ${this.saving === p.preset ? html`<span class="busy" aria-hidden="true">${t('Saving…')}</span>` : nothing}
    </button>`;
  }

  private confirmDialog() {
    const p = this.confirming;
    return html`<dialog
      aria-labelledby="confirm-text"
      data-testid="preset-save-dialog"
      @close=${() => (this.confirming = null)}
      @click=${(e: MouseEvent) => this.outside(e)}
    >
      ${p
        ? html`<p id="confirm-text">${t('Save the camera\'s current view as “{name}”?', { name: p.name })}</p>
            <div class="row">
              <button type="button" class="primary" autofocus data-testid="preset-save-confirm" @click=${() => this.save(p)}>${t('Save')}</button>
              <button type="button" data-testid="preset-save-cancel" @click=${() => (this.confirming = null)}>${t('Cancel')}</button>
            </div>`
        : nothing}
    </dialog>`;
  }

  /** A tap on the backdrop (outside the dialog's box) cancels, as people expect of a question. */
  private outside(e: MouseEvent): void {
    const box = (e.currentTarget as HTMLDialogElement).getBoundingClientRect();
    if (e.clientX < box.left || e.clientX > box.right || e.clientY < box.top || e.clientY > box.bottom) this.confirming = null;
  }

  private press(e: PointerEvent, p: PresetTile, canSave: boolean): void {
    this.held = false;
    if (!canSave || e.button !== 0) return;
    window.clearTimeout(this.holdTimer);
    this.holding = p.preset;
    this.holdTimer = window.setTimeout(() => {
      this.held = true;
      this.holding = null;
      this.confirming = p;
      navigator.vibrate?.(30);
    }, HOLD_MS);
  }

  private endPress(): void {
    window.clearTimeout(this.holdTimer);
    this.holding = null;
  }

  private clicked(p: PresetTile): void {
    if (this.held) {
      this.held = false;
      return;
    }
    this.dispatchEvent(new CustomEvent<PresetTile>('preset-recall', { detail: p }));
  }

  /** A touch long-press opens the context menu too: the hold timer decides then; from a keyboard, the menu key asks at once. */
  private menu(e: Event, p: PresetTile, canSave: boolean): void {
    e.preventDefault();
    if (canSave && this.holding === null) this.confirming = p;
  }

  private save(p: PresetTile): void {
    this.confirming = null;
    this.saving = p.preset;
    this.note = null;
    window.clearTimeout(this.savingTimer);
    this.savingTimer = window.setTimeout(() => (this.saving = null), SAVE_GIVE_UP_MS);
    const settled = (answer: unknown) => {
      window.clearTimeout(this.savingTimer);
      this.saving = null;
      const outcome = (answer as { result?: { thumbnail?: StillOutcome } } | null)?.result?.thumbnail;
      if (outcome && !outcome.taken) this.showNote(noteFor(outcome));
    };
    this.dispatchEvent(new CustomEvent<PresetSaveDetail>('preset-save', { detail: { ...p, settled } }));
  }

  private showNote(note: string): void {
    this.note = note;
    window.clearTimeout(this.noteTimer);
    this.noteTimer = window.setTimeout(() => (this.note = null), NOTE_MS);
  }
}

function noteFor(outcome: StillOutcome): string {
  if (outcome.reason === 'confidential-meeting') return t('Saved without a picture: a confidential meeting is running.');
  if (outcome.reason === 'no-source') return t('Saved. This camera cannot take a picture for it.');
  return t('Saved, but the picture could not be taken.');
}

customElements.define('preset-tiles', PresetTiles);

declare global {
  interface HTMLElementTagNameMap {
    'preset-tiles': PresetTiles;
  }
  interface HTMLElementEventMap {
    'preset-recall': CustomEvent<PresetTile>;
    'preset-save': CustomEvent<PresetSaveDetail>;
  }
}
