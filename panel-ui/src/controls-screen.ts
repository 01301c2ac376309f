import { css, html, nothing } from 'lit';
import { customElement, property, state } from 'lit/decorators.js';
import type { DeviceView, PanelInfo } from '../../appliance/api/api-types.js';
import type { ApiClient } from './api-client.js';
import { isUsable, whyUnavailable } from './device-health-words.js';
import { hasAction, inputLabel, inputsOf, isOn } from './device-words.js';
import { t } from './i18n.js';
import { PanelElement } from './panel-element.js';
import { panelRequest } from './panel-events.js';
import { twoColumnScreen } from './panel-styles.js';
import './camera-control.js';
import './input-chooser.js';

/**
 * The room's quick controls: volume, each display's power and input, and the cameras.
 * (Mute is in the bar at the bottom of every screen.)
 */
@customElement('controls-screen')
export class ControlsScreen extends PanelElement {
  static override styles = [
    twoColumnScreen('1fr', '1.3fr'),
    css`
      :host {
        align-content: start;
      }
      .col {
        display: grid;
        gap: 0.8em;
        align-content: start;
      }
      h3 {
        font-size: 1em;
        margin-bottom: 0.4em;
        color: var(--text-muted);
      }
      .volume {
        display: grid;
        grid-template-columns: auto 1fr auto;
        gap: 0.5em;
        align-items: center;
      }
      input[type='range'] {
        min-height: 56px;
        padding: 0;
        background: transparent;
        border: none;
        accent-color: #5aa0ff;
      }
      .tabs {
        display: none;
      }
      /* Small panels, and any panel on its side: one half at a time, chosen with the two tabs
         on top (stacked, the displays would push the joystick under the bar). */
      @media (max-height: 640px), (max-width: 700px), (orientation: portrait) {
        :host {
          grid-template-columns: 1fr;
          gap: 0.5em;
        }
        .col {
          gap: 0.4em;
        }
        .tabs {
          display: grid;
          grid-template-columns: 1fr 1fr;
          gap: 0.4em;
        }
        :host([tab='camera']) .room,
        :host([tab='room']) .cameras {
          display: none;
        }
        .cameras h3 {
          display: none;
        }
        .card.cameras {
          padding: 0.5em 0.6em;
        }
      }
      /* One row per device: its name (and why it is off) at the start, then its controls. Two
         displays with their inputs as buttons took three times the height of an 800×480 panel;
         as rows, every device of the room stays in view at every size. */
      .card.line {
        display: flex;
        flex-wrap: wrap;
        align-items: center;
        gap: 0.4em 0.6em;
        padding: 0.4em 0.8em;
      }
      .label {
        flex: 1 1 8em;
        min-width: 0;
      }
      .label h3 {
        margin: 0;
        color: var(--text);
      }
      .line .row {
        flex: none;
        flex-wrap: nowrap;
      }
      input-chooser {
        flex: 1 1 6em;
        max-width: 15em;
      }
      .line .row button {
        padding: 0.3em 0.6em;
      }
      .line .volume {
        flex: 3 1 12em;
      }
      .unavailable {
        color: #ffa8a8;
        font-size: 0.8em;
        line-height: 1.2;
        margin-top: 0.15em;
      }
      @media (max-height: 640px) {
        .card.line {
          padding: 0.15em 0.6em;
        }
      }
      /* Tall panels: why a device is off takes a line of its own under its controls, so its
         name and its buttons share the first line (beside them, the reason stood five
         words high in half a 1280-wide screen). Short panels keep it beside the name. */
      @media (min-height: 641px) {
        .label {
          display: contents;
        }
        .label h3 {
          flex: 1 1 4em;
          min-width: 0;
        }
        .unavailable {
          order: 9;
          flex-basis: 100%;
          margin-top: 0;
        }
      }
    `,
  ];

  @property({ attribute: false }) devices: DeviceView[] = [];
  @property({ attribute: false }) presets: PanelInfo['presets'] = [];
  @property({ attribute: false }) previewCamera: string | null = null;
  @property({ attribute: false }) api: ApiClient | null = null;
  @state() volume: number | null = null;
  /** Which half small panels show. */
  @property({ type: String, reflect: true }) tab: 'camera' | 'room' = 'camera';

  override render() {
    const speakers = this.devices.filter((d) => hasAction(d, 'volume'));
    const displays = this.devices.filter((d) => d.kind === 'display' && (hasAction(d, 'power') || hasAction(d, 'input')));
    const cameras = this.devices.filter((d) => d.kind === 'camera' && (hasAction(d, 'move') || hasAction(d, 'preset.recall')));
    const reported = speakers.map((d) => d.state?.volume).find((v): v is number => typeof v === 'number');
    const liveSpeakers = speakers.filter(isUsable);
    const level = this.volume ?? reported ?? 50;
    const tab = (id: 'camera' | 'room', label: string) =>
      html`<button type="button" aria-pressed=${String(this.tab === id)} data-testid=${`controls-tab-${id}`} @click=${() => (this.tab = id)}>${label}</button>`;
    return html`
      <div class="tabs" role="group" aria-label=${t('Controls')}>${tab('camera', t('Camera'))}${tab('room', t('Sound and displays'))}</div>
      <div class="col room">
        ${
          speakers.length > 0
            ? html`<section class="card line" aria-labelledby="vol">
              <div class="label">
                <h3 id="vol">${t('Volume')}</h3>
                ${liveSpeakers.length === 0 ? html`<p class="unavailable" role="status">${t('Off: {names} cannot be used right now.', { names: speakers.map((d) => d.name).join(t(', ')) })}</p>` : nothing}
              </div>
              <div class="volume">
                <button type="button" ?disabled=${liveSpeakers.length === 0} aria-label=${t('Volume down')} @click=${() => this.setVolume(Math.max(0, level - 10), liveSpeakers)}>−</button>
                <input type="range" min="0" max="100" step="5" ?disabled=${liveSpeakers.length === 0} .value=${String(level)} aria-label=${t('Room volume')} data-testid="volume" @change=${(e: Event) => this.setVolume(Number((e.target as HTMLInputElement).value), liveSpeakers)} />
                <button type="button" ?disabled=${liveSpeakers.length === 0} aria-label=${t('Volume up')} @click=${() => this.setVolume(Math.min(100, level + 10), liveSpeakers)}>+</button>
              </div>
            </section>`
            : nothing
        }
        ${displays.map((d) => this.display(d))}
      </div>
      <section class="card col cameras" aria-labelledby="cam">
        <h3 id="cam">${t('Camera')}</h3>
        <camera-control .cameras=${cameras} .presets=${this.presets} .previewCamera=${this.previewCamera} .api=${this.api}></camera-control>
      </section>
    `;
  }

  private display(d: DeviceView) {
    const on = isOn(d.state?.power);
    const off = !isUsable(d);
    return html`<section class="card line" aria-label=${d.name} data-testid=${`display-${d.id}`} data-usable=${String(!off)}>
      <div class="label">
        <h3>${d.name}${d.state?.power === 'warming' ? ` · ${t('warming up…')}` : d.state?.power === 'cooling' ? ` · ${t('cooling down…')}` : ''}</h3>
        ${off ? html`<p class="unavailable" role="status">${whyUnavailable(d)}</p>` : nothing}
      </div>
      ${
        hasAction(d, 'power')
          ? html`<div class="row">
            <button type="button" ?disabled=${off} aria-pressed=${on === undefined ? nothing : String(on)} aria-label=${t('{name} on', { name: d.name })} @click=${() => this.run(d, 'power', { on: true }, t('{name} on', { name: d.name }))}>${t('On')}</button>
            <button type="button" ?disabled=${off} aria-pressed=${on === undefined ? nothing : String(!on)} aria-label=${t('{name} off', { name: d.name })} @click=${() => this.run(d, 'power', { on: false }, t('{name} off', { name: d.name }))}>${t('Off')}</button>
          </div>`
          : nothing
      }
      ${
        hasAction(d, 'input') && inputsOf(d).length > 0
          ? html`<input-chooser .device=${d} ?disabled=${off} @input-chosen=${(e: CustomEvent<string>) => this.run(d, 'input', { input: e.detail }, `${d.name}: ${inputLabel(e.detail, d)}`)}></input-chooser>`
          : nothing
      }
    </section>`;
  }

  private setVolume(level: number, speakers: DeviceView[]): void {
    this.volume = level;
    for (const d of speakers) {
      panelRequest(this, {
        label: t('Volume {n}', { n: level }),
        method: 'POST',
        path: `/api/v1/devices/${encodeURIComponent(d.id)}/actions/volume`,
        body: { level },
        queueable: true,
      });
    }
  }

  private run(d: DeviceView, action: string, body: Record<string, unknown>, label: string): void {
    panelRequest(this, {
      label,
      method: 'POST',
      path: `/api/v1/devices/${encodeURIComponent(d.id)}/actions/${action}`,
      body,
      queueable: action !== 'preset.recall',
    });
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'controls-screen': ControlsScreen;
  }
}
