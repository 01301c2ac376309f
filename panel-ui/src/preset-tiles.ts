import { html, nothing, type PropertyValues } from 'lit';
import { customElement, property, state } from 'lit/decorators.js';
import type { DeviceView, StillOutcome } from '../../appliance/api/api-types.js';
import { t } from './i18n.js';
import { icons } from './icons.js';
import { PanelElement } from './panel-element.js';
import { panelRequest } from './panel-events.js';
import { presetStills, PresetStillsController } from './preset-still-cache.js';
import { HOLD_MS, presetTilesStyles } from './preset-tiles-styles.js';

/**
 * The letters of a name's longest word: the tile sizes its letters so that word fits on one
 * line ("Whiteboa-rd" never happens). At least one: a name with no Latin word ("全景") breaks
 * after any character, and a zero here would size its letters to nothing.
 */
const longestWord = (name: string) => Math.max(1, ...(name.match(/[A-Za-z0-9'’-]+/g) ?? []).map((w) => w.length));

export interface PresetTile {
  preset: number;
  name: string;
}

/** `preset-save`: the parent runs preset.save, then calls `settled` with the API's answer (null when it failed). */
export interface PresetSaveDetail extends PresetTile {
  settled(answer: unknown): void;
}

/** A recalled preset's toast: what the camera now shows, not the tile's name again. */
export function presetRecalled(camera: DeviceView, name: string): string {
  return t('{camera} now shows “{name}”', { camera: camera.name, name });
}

/** Runs preset.save for a tile's `preset-save` through the panel (network, queue, toast) and settles the tile with the answer. */
export function requestPresetSave(from: EventTarget, camera: DeviceView, { preset, name, settled }: PresetSaveDetail): void {
  panelRequest(from, {
    label: `${t('Save preset “{name}”', { name })} · ${camera.name}`,
    success: t('{camera}: this view saved as “{name}”', { camera: camera.name, name }),
    method: 'POST',
    path: `/api/v1/devices/${encodeURIComponent(camera.id)}/actions/preset.save`,
    body: { preset },
    done: settled,
    failed: () => settled(null),
  });
}

/** A save the panel hears nothing back about (refused while offline) stops showing as busy after this. */
const SAVE_GIVE_UP_MS = 12_000;
const NOTE_MS = 8000;

/**
 * A camera's presets as tiles: the preset's still (16:9) with its name under it, or a camera
 * icon where there is no still. A tap recalls the preset; pressing and holding one for
 * 1.5 s (or its context menu, from a keyboard) asks to save the camera's current view in
 * it. Events up: `preset-recall` (PresetTile), `preset-save` (PresetSaveDetail).
 */
@customElement('preset-tiles')
export class PresetTiles extends PanelElement {
  static override styles = presetTilesStyles;

  @property({ attribute: false }) camera!: DeviceView;
  @property({ attribute: false }) presets: PresetTile[] = [];
  /** Show how to save (the controls screen); elsewhere the hint is for screen readers only. */
  @property({ type: Boolean }) hint = false;
  @state() holding: number | null = null;
  @state() confirming: PresetTile | null = null;
  @state() saving: number | null = null;
  @state() note: string | null = null;
  private readonly stills = new PresetStillsController(this);
  private holdTimer: number | undefined;
  private noteTimer: number | undefined;
  private savingTimer: number | undefined;
  /** The press that just ended was a hold: its click must not recall the preset. */
  private held = false;

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
      <span class="name" style=${`--longest-word: ${longestWord(p.name)}`}>${p.name}</span>
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
      ${
        p
          ? html`<p id="confirm-text">${t("Save the camera's current view as “{name}”?", { name: p.name })}</p>
            <div class="row">
              <button type="button" class="primary" autofocus data-testid="preset-save-confirm" @click=${() => this.save(p)}>${t('Save')}</button>
              <button type="button" data-testid="preset-save-cancel" @click=${() => (this.confirming = null)}>${t('Cancel')}</button>
            </div>`
          : nothing
      }
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

declare global {
  interface HTMLElementTagNameMap {
    'preset-tiles': PresetTiles;
  }
  interface HTMLElementEventMap {
    'preset-recall': CustomEvent<PresetTile>;
    'preset-save': CustomEvent<PresetSaveDetail>;
  }
}
