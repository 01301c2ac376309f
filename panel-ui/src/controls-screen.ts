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
        .room {
          grid-template-columns: repeat(auto-fill, minmax(min(100%, 15em), 1fr));
        }
        .cameras h3 {
          display: none;
        }
      }
      .display-head {
        display: flex;
        justify-content: space-between;
        align-items: center;
        gap: 0.5em;
      }
      .display-head h3 {
        margin: 0;
      }
      .unavailable {
        color: #ffa8a8;
        font-size: 0.9em;
        margin-top: 0.4em;
      }
      .inputs {
        display: grid;
        grid-template-columns: repeat(auto-fill, minmax(6.4em, 1fr));
        gap: 0.4em;
        margin-top: 0.5em;
      }
      /* Inputs carry the names the config gives them ("Laptop (HDMI 1)"): smaller words, two lines at most. */
      .inputs button {
        font-size: 0.85em;
        line-height: 1.15;
        padding: 0.2em 0.4em;
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
            ? html`<section class="card" aria-labelledby="vol">
              <h3 id="vol">${t('Volume')}</h3>
              <div class="volume">
                <button type="button" ?disabled=${liveSpeakers.length === 0} aria-label=${t('Volume down')} @click=${() => this.setVolume(Math.max(0, level - 10), liveSpeakers)}>−</button>
                <input type="range" min="0" max="100" step="5" ?disabled=${liveSpeakers.length === 0} .value=${String(level)} aria-label=${t('Room volume')} data-testid="volume" @change=${(e: Event) => this.setVolume(Number((e.target as HTMLInputElement).value), liveSpeakers)} />
                <button type="button" ?disabled=${liveSpeakers.length === 0} aria-label=${t('Volume up')} @click=${() => this.setVolume(Math.min(100, level + 10), liveSpeakers)}>+</button>
              </div>
              ${liveSpeakers.length === 0 ? speakers.map((d) => html`<p class="unavailable" role="status">${whyUnavailable(d)}</p>`) : nothing}
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
    const input = typeof d.state?.input === 'string' ? d.state.input : undefined;
    const inputs = hasAction(d, 'input') ? inputsOf(d) : [];
    const off = !isUsable(d);
    return html`<section class="card" aria-label=${d.name} data-testid=${`display-${d.id}`} data-usable=${String(!off)}>
      <div class="display-head">
      <h3>${d.name}${d.state?.power === 'warming' ? ` · ${t('warming up…')}` : d.state?.power === 'cooling' ? ` · ${t('cooling down…')}` : ''}</h3>
      ${
        hasAction(d, 'power')
          ? html`<div class="row">
            <button type="button" ?disabled=${off} aria-pressed=${on === undefined ? nothing : String(on)} aria-label=${t('{name} on', { name: d.name })} @click=${() => this.run(d, 'power', { on: true }, t('{name} on', { name: d.name }))}>${t('On')}</button>
            <button type="button" ?disabled=${off} aria-pressed=${on === undefined ? nothing : String(!on)} aria-label=${t('{name} off', { name: d.name })} @click=${() => this.run(d, 'power', { on: false }, t('{name} off', { name: d.name }))}>${t('Off')}</button>
          </div>`
          : nothing
      }
      </div>
      ${off ? html`<p class="unavailable" role="status">${whyUnavailable(d)}</p>` : nothing}
      ${
        inputs.length > 0
          ? html`<div class="inputs" role="group" aria-label=${t('Input of {name}', { name: d.name })}>
            ${inputs.map((i) => html`<button type="button" ?disabled=${off} aria-pressed=${input === undefined ? nothing : String(input === i)} @click=${() => this.run(d, 'input', { input: i }, `${d.name}: ${inputLabel(i, d)}`)}>${inputLabel(i, d)}</button>`)}
          </div>`
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
        quiet: true,
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
      quiet: true,
    });
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'controls-screen': ControlsScreen;
  }
}
