import { css, html, nothing } from 'lit';
import { customElement, property, state } from 'lit/decorators.js';
import type { DeviceView, PanelInfo } from '../../appliance/api/api-types.js';
import { ApiError, type ApiClient } from './api-client.js';
import { i18n, t } from './i18n.js';
import { PanelElement } from './panel-element.js';
import { panelRequest } from './panel-events.js';
import { isUsable, whyUnavailable } from './device-health-words.js';
import { refusalWords } from './refusal-words.js';
import { PtzDriveController } from './ptz-drive-controller.js';
import type { JoystickDetail } from './ptz-joystick.js';
import './ptz-joystick.js';
import './camera-preview.js';
import { presetRecalled, requestPresetSave, type PresetSaveDetail, type PresetTile } from './preset-tiles.js';

/** Presets offered by number when the config names none. */
const NUMBERED_PRESETS = 6;

/**
 * The cameras: pick one, recall a preset from its tile (its still and name), save one by
 * holding its tile, steer with the joystick, zoom with press-and-hold buttons. Moves go
 * straight to the API through the drive controller (heartbeats, stop on every kind of
 * release); presets go through the panel like any action.
 */
@customElement('camera-control')
export class CameraControl extends PanelElement {
  static override styles = css`
    :host {
      display: grid;
      gap: 0.6em;
      align-content: start;
    }
    /* Cameras, joystick, presets: the camera list on top (beside, on short panels), then the
       joystick with its zoom keys beside the presets. The list stays usable when the
       camera's own controls are not (inert). */
    .layout {
      display: grid;
      gap: 0.6em 0.8em;
      align-items: start;
    }
    .body {
      display: grid;
      grid-template-columns: auto minmax(0, 1fr);
      gap: 0.6em 0.8em;
      align-items: start;
    }
    .chips {
      display: flex;
      gap: 0.4em;
      overflow-x: auto;
    }
    /* A long camera name takes two lines rather than being cut. */
    .chips button {
      flex: none;
      max-width: 11em;
      line-height: 1.15;
      padding: 0.2em 0.7em;
      font-size: 0.9em;
    }
    .side {
      display: grid;
      gap: 0.6em;
      align-content: start;
    }
    camera-preview {
      width: 100%;
    }
    .stick {
      display: grid;
      gap: 0.5em;
      justify-items: center;
    }
    ptz-joystick {
      --size: 180px;
    }
    .zoom {
      display: grid;
      grid-template-columns: 1fr 1fr 1fr;
      gap: 0.4em;
      width: 100%;
    }
    .zoom button {
      padding: 0.2em;
      font-size: 1.3em;
    }
    .zoom button.home {
      font-size: 0.8em;
    }
    preset-tiles {
      --tile-min: 6.2em;
    }
    .problem {
      color: #ffa8a8;
      font-size: 0.9em;
    }
    /* A camera that cannot take commands: its controls stay in place, greyed and untouchable,
       and why lies over them (a line of its own above them pushed the zoom keys and the
       other cameras' buttons out of an 800×480 panel). */
    .stage {
      position: relative;
      min-width: 0;
    }
    .problem.over {
      position: absolute;
      top: 50%;
      left: 50%;
      transform: translate(-50%, -50%);
      width: max-content;
      max-width: 90%;
      margin: 0;
      padding: 0.5em 0.8em;
      border-radius: 12px;
      border: 2px solid #c05454;
      background: #2a1416;
      text-align: center;
    }
    .body[inert] {
      opacity: 0.4;
      filter: grayscale(1);
    }
    /* Short panels (1024×600, 800×480) and narrow ones (480 wide): the zoom keys stand beside
       the joystick, not under it, and the picture follows below both. */
    @media (max-height: 640px), (max-width: 560px) {
      .stick {
        grid-template-columns: auto auto;
        align-items: center;
        gap: 0.4em;
      }
      .zoom {
        grid-template-columns: 1fr;
        width: auto;
      }
      .stick camera-preview {
        grid-column: 1 / -1;
      }
      preset-tiles {
        --tile-min: 5.4em;
        --thumb-max: 6em;
      }
    }
    /* Short landscape panels: the camera list becomes a column on the left, so the whole
       joystick and every preset fit under the tabs. */
    @media (max-height: 640px) and (orientation: landscape) {
      .layout.multi {
        grid-template-columns: minmax(0, 8.5em) minmax(0, 1fr);
      }
      .chips {
        flex-direction: column;
        overflow: visible;
      }
      .chips button {
        max-width: none;
      }
    }
    @media (max-height: 560px) {
      ptz-joystick {
        --size: 140px;
      }
      preset-tiles {
        --tile-min: 4.6em;
        --thumb-max: 4.4em;
      }
    }
    /* Narrow portrait: one column, the joystick row then the presets; the cameras share one
       row (a name takes two lines rather than the row scrolling sideways past the last one). */
    @media (max-width: 560px) {
      ptz-joystick {
        --size: 150px;
      }
      .stick camera-preview {
        max-width: 12em;
      }
      .chips {
        overflow: visible;
      }
      .chips button {
        flex: 1 1 0;
        min-width: 0;
      }
      .body {
        grid-template-columns: minmax(0, 1fr);
        justify-items: center;
      }
      .side {
        width: 100%;
      }
      preset-tiles {
        --tile-min: 4.2em;
      }
    }
  `;

  @property({ attribute: false }) cameras: DeviceView[] = [];
  @property({ attribute: false }) presets: PanelInfo['presets'] = [];
  /** The camera the room's live preview shows (PanelInfo.previewCamera): that one gets the picture. */
  @property({ attribute: false }) previewCamera: string | null = null;
  @property({ attribute: false }) api: ApiClient | null = null;
  @state() selected: string | null = null;
  @state() problem: string | null = null;
  private readonly drive = new PtzDriveController(this);

  constructor() {
    super();
    this.drive.onError = (err) =>
      (this.problem = refusalWords(
        err instanceof ApiError ? err : { code: 'PANEL_E_BAD_RESPONSE' },
        this.cameras,
        `/api/v1/devices/${encodeURIComponent(this.drive.deviceId ?? '')}/`,
      ));
  }

  override render() {
    const camera = this.cameras.find((c) => c.id === this.selected) ?? this.cameras[0];
    if (!camera) return html`<p class="muted">${t('This room has no camera.')}</p>`;
    this.drive.api = this.api;
    this.drive.deviceId = camera.id;
    const actions = new Set(camera.actions.map((a) => a.name));
    const usable = isUsable(camera);
    // What the camera sees, under the joystick that steers it (the room's media picture shows one camera).
    const preview =
      camera.id === this.previewCamera
        ? html`<camera-preview .api=${this.api} label=${t('What {name} sees, live', { name: camera.name })}></camera-preview>`
        : nothing;
    return html`
      <div class="layout ${this.cameras.length > 1 ? 'multi' : ''}">
      ${
        this.cameras.length > 1
          ? html`<div class="chips" role="group" aria-label=${t('Camera')}>
            ${this.cameras.map((c) => html`<button type="button" data-testid=${`camera-${c.id}`} aria-pressed=${String(c.id === camera.id)} @click=${() => this.pick(c.id)}>${c.name}</button>`)}
          </div>`
          : nothing
      }
      <div class="stage">
      <div class="body" ?inert=${!usable} aria-disabled=${usable ? nothing : 'true'} data-testid="camera-body">
        ${
          actions.has('move')
            ? html`<div class="stick">
              <ptz-joystick
                label=${t('Move {name}: press, hold and drag', { name: camera.name })}
                @joystick-drive=${(e: CustomEvent<JoystickDetail>) => this.steer(e.detail)}
                @joystick-release=${() => this.drive.set({ pan: 0, tilt: 0 })}
              ></ptz-joystick>
              <div class="zoom" role="group" aria-label=${t('Zoom')}>
                ${this.holdButton('−', t('Zoom out'), -0.6, 'zoom-out')}
                ${actions.has('home') ? html`<button type="button" class="home" @click=${() => this.run(camera, 'home', {}, t('Home'), t('{camera} back to its home view', { camera: camera.name }))}>${t('Home')}</button>` : html`<span></span>`}
                ${this.holdButton('+', t('Zoom in'), 0.6, 'zoom-in')}
              </div>
              ${preview}
            </div>`
            : nothing
        }
        <div class="side">
          ${actions.has('move') ? nothing : preview}
          ${
            actions.has('preset.recall')
              ? html`<preset-tiles
                hint
                .camera=${camera}
                .presets=${this.presetList(camera)}
                @preset-recall=${(e: CustomEvent<PresetTile>) => this.run(camera, 'preset.recall', { preset: e.detail.preset }, e.detail.name, presetRecalled(camera, e.detail.name))}
                @preset-save=${(e: CustomEvent<PresetSaveDetail>) => this.save(camera, e.detail)}
              ></preset-tiles>`
              : nothing
          }
        </div>
      </div>
      ${usable ? nothing : html`<p class="problem over" role="status" data-testid="camera-unavailable">${whyUnavailable(camera)}</p>`}
      </div>
      </div>
      ${this.problem ? html`<p class="problem" role="status" data-testid="camera-problem">${this.problem}</p>` : nothing}
    `;
  }

  private presetList(camera: DeviceView): PresetTile[] {
    const named = this.presets.filter((p) => p.device === camera.id);
    if (named.length > 0) return named.map((p) => ({ preset: p.preset, name: i18n.locale === 'zh-CN' && p.nameZh ? p.nameZh : p.name }));
    return Array.from({ length: NUMBERED_PRESETS }, (_, i) => ({ preset: i + 1, name: t('Preset {n}', { n: i + 1 }) }));
  }

  private holdButton(text: string, label: string, speed: number, testId: string) {
    const stop = () => this.drive.set({ zoom: 0 });
    return html`<button
      type="button"
      aria-label=${label}
      data-testid=${testId}
      style="touch-action:none"
      @pointerdown=${(e: PointerEvent) => {
        (e.currentTarget as HTMLElement).setPointerCapture(e.pointerId);
        this.problem = null;
        this.drive.set({ zoom: speed });
      }}
      @pointerup=${stop}
      @pointercancel=${stop}
      @lostpointercapture=${stop}
    >
      ${text}
    </button>`;
  }

  private steer(detail: JoystickDetail): void {
    this.problem = null;
    this.drive.set(detail);
  }

  private pick(id: string): void {
    this.drive.release();
    this.selected = id;
  }

  private save(camera: DeviceView, detail: PresetSaveDetail): void {
    this.drive.release();
    requestPresetSave(this, camera, detail);
  }

  private run(camera: DeviceView, action: string, params: Record<string, unknown>, label: string, success: string): void {
    this.drive.release();
    panelRequest(this, {
      label: `${label} · ${camera.name}`,
      success,
      method: 'POST',
      path: `/api/v1/devices/${encodeURIComponent(camera.id)}/actions/${encodeURIComponent(action)}`,
      body: params,
    });
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'camera-control': CameraControl;
  }
}
