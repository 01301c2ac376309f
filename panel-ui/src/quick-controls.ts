import { css, html, nothing } from 'lit';
import { customElement, property } from 'lit/decorators.js';
import type { DeviceView, PanelInfo } from '../../appliance/api/api-types.js';
import { isUsable, whyUnavailable } from './device-health-words.js';
import { hasAction, isOn } from './device-words.js';
import { i18n, t } from './i18n.js';
import { PanelElement } from './panel-element.js';
import { navigate, panelRequest } from './panel-events.js';
import { presetRecalled, requestPresetSave, type PresetSaveDetail, type PresetTile } from './preset-tiles.js';

/**
 * The controls a meeting needs most, on the meeting screen itself: the main camera's named
 * presets (as tiles with their stills; hold one to save the current view), the main display
 * on and off, volume steps; everything else (joystick, inputs, other cameras) one touch
 * away on the controls screen.
 */
@customElement('quick-controls')
export class QuickControls extends PanelElement {
  static override styles = css`
    :host {
      display: grid;
      gap: 0.5em;
    }
    /* Display, volume down and up, all controls: one row, so the agenda above keeps its room. */
    .grid {
      display: grid;
      grid-template-columns: repeat(auto-fit, minmax(6.6em, 1fr));
      gap: 0.45em;
      font-size: 0.85em;
    }
    /* A quarter of the column each: the words take two lines rather than end in "…" ("Display: …" hides whether it is on). */
    .grid button {
      padding: 0.2em 0.4em;
      line-height: 1.15;
      overflow-wrap: break-word;
    }
    /* Short or narrow panels: the presets only; display, volume and the rest are one touch
       away in the bar (Controls, Mute). */
    @media (max-height: 640px), (max-width: 560px) {
      .extra {
        display: none;
      }
    }
    h3 {
      font-size: 0.9em;
      color: var(--text-muted);
      white-space: nowrap;
      overflow: hidden;
      text-overflow: ellipsis;
    }
    .unavailable {
      color: #ffa8a8;
      font-size: 0.85em;
    }
    /* A camera that cannot take commands: its presets stay in place, greyed and untouchable. */
    preset-tiles[inert] {
      opacity: 0.4;
      filter: grayscale(1);
    }
    /* The four quick presets always in one row, so they never push the agenda (or each
       other) under the bar; on short panels as named buttons without their pictures. */
    preset-tiles {
      --tile-min: 3.6em;
      --tile-repeat: auto-fit;
      --thumb-max: 5.5em;
      font-size: 0.9em;
    }
    @media (max-height: 640px), (max-width: 560px) {
      preset-tiles {
        --thumb-display: none;
        --tile-pad: 0.2em 0.05em;
        --tile-gap: 0.3em;
        font-size: 0.88em;
      }
    }
  `;

  @property({ attribute: false }) devices: DeviceView[] = [];
  @property({ attribute: false }) presets: PanelInfo['presets'] = [];

  override render() {
    const camera = this.devices.find((d) => d.kind === 'camera' && hasAction(d, 'preset.recall'));
    const display = this.devices.find((d) => d.kind === 'display' && hasAction(d, 'power'));
    const speakers = this.devices.filter((d) => hasAction(d, 'volume'));
    const named: PresetTile[] = camera
      ? this.presets
          .filter((p) => p.device === camera.id)
          .slice(0, 4)
          .map((p) => ({ preset: p.preset, name: i18n.locale === 'zh-CN' && p.nameZh ? p.nameZh : p.name }))
      : [];
    const on = display ? isOn(display.state?.power) : undefined;
    const level = speakers.map((d) => d.state?.volume).find((v): v is number => typeof v === 'number') ?? 50;
    return html`
      <div class="grid extra">
        ${
          display
            ? html`<button type="button" ?disabled=${!isUsable(display)} aria-pressed=${on === undefined ? nothing : String(on)} aria-label=${t('{name} power', { name: display.name })} @click=${() => this.run(display, 'power', { on: !on }, on ? t('{name} off', { name: display.name }) : t('{name} on', { name: display.name }), true)}>
              ${display.name}: ${on ? t('On') : t('Off')}
            </button>`
            : nothing
        }
        ${
          speakers.length > 0
            ? html`<button type="button" ?disabled=${!speakers.some(isUsable)} aria-label=${t('Volume down')} @click=${() => this.volume(speakers.filter(isUsable), Math.max(0, level - 10))}>${t('Volume')} −</button>
              <button type="button" ?disabled=${!speakers.some(isUsable)} aria-label=${t('Volume up')} @click=${() => this.volume(speakers.filter(isUsable), Math.min(100, level + 10))}>${t('Volume')} +</button>`
            : nothing
        }
        <button type="button" data-testid="more-controls" @click=${() => navigate(this, 'controls')}>${t('All controls')}</button>
      </div>
      ${
        camera && named.length > 0
          ? html`<h3>${camera.name}</h3>
            ${isUsable(camera) ? nothing : html`<p class="unavailable" role="status">${whyUnavailable(camera)}</p>`}
            <preset-tiles
              ?inert=${!isUsable(camera)}
              .camera=${camera}
              .presets=${named}
              @preset-recall=${(e: CustomEvent<PresetTile>) => this.run(camera, 'preset.recall', { preset: e.detail.preset }, `${e.detail.name} · ${camera.name}`, false, presetRecalled(camera, e.detail.name))}
              @preset-save=${(e: CustomEvent<PresetSaveDetail>) => this.save(camera, e.detail)}
            ></preset-tiles>`
          : nothing
      }
    `;
  }

  private save(camera: DeviceView, detail: PresetSaveDetail): void {
    requestPresetSave(this, camera, detail);
  }

  private volume(speakers: DeviceView[], level: number): void {
    for (const d of speakers) this.run(d, 'volume', { level }, t('Volume {n}', { n: level }), true);
  }

  /** `success`: a preset's toast (the camera's move is not on the screen); power and volume show on their buttons. */
  private run(d: DeviceView, action: string, body: Record<string, unknown>, label: string, queueable: boolean, success?: string): void {
    panelRequest(this, {
      label,
      method: 'POST',
      path: `/api/v1/devices/${encodeURIComponent(d.id)}/actions/${action}`,
      body,
      queueable,
      success,
    });
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'quick-controls': QuickControls;
  }
}
