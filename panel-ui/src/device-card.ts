import { LitElement, css, html, nothing, type TemplateResult } from 'lit';
import type { DeviceKind, DeviceStatus, DeviceView } from '../../appliance/api/api-types.js';

/** What a card asks its room to run; the card itself never talks to the API (events up). */
export interface DeviceActionDetail {
  deviceId: string;
  deviceName: string;
  action: string;
  params: Record<string, unknown>;
  /** What the person pressed, for the result toast ("Preset 2"). */
  label: string;
}

/** Presets the panel offers; the joystick and a preset editor come later. */
const PANEL_PRESETS = 6;

const STATUS_LABELS: Record<DeviceStatus, string> = {
  ok: 'OK',
  degraded: 'Degraded',
  offline: 'Offline',
  connecting: 'Connecting',
  bad_config: 'Config error',
};

const KIND_LABELS: Record<DeviceKind, string> = {
  camera: 'Camera',
  display: 'Display',
  dsp: 'Audio processor',
  microphone: 'Microphone',
  speakerphone: 'Speakerphone',
  'badge-reader': 'Badge reader',
};

/**
 * One device: name, kind, a status pill, the status detail, and a button for each action
 * the panel knows how to offer. Which buttons appear comes from the device's action list
 * and capability traits (preset range, input names), never from the driver id.
 */
export class DeviceCard extends LitElement {
  static override properties = {
    device: { attribute: false },
  };

  static override styles = css`
    :host {
      display: block;
    }
    article {
      height: 100%;
      box-sizing: border-box;
      padding: 0.8em 0.9em 0.9em;
      border-radius: 16px;
      background: var(--surface, #18212b);
      border: 1px solid var(--border, #2c3a49);
      display: flex;
      flex-direction: column;
      gap: 0.6em;
    }
    header {
      display: flex;
      align-items: flex-start;
      justify-content: space-between;
      gap: 0.6em;
    }
    h2 {
      margin: 0;
      font-size: 1.25em;
      font-weight: 600;
      line-height: 1.2;
      overflow-wrap: anywhere;
    }
    .kind {
      margin: 0.15em 0 0;
      font-size: 0.85em;
      color: var(--text-muted, #a9b4c0);
    }
    .pill {
      flex: none;
      display: inline-flex;
      align-items: center;
      gap: 0.4em;
      padding: 0.2em 0.7em;
      border-radius: 999px;
      font-size: 0.85em;
      font-weight: 700;
      white-space: nowrap;
    }
    /* A dot as well as a colour and a word: status never rests on colour alone. */
    .pill::before {
      content: '';
      width: 0.6em;
      height: 0.6em;
      border-radius: 50%;
      background: currentColor;
    }
    .pill.ok { background: #40c057; color: #062310; }
    .pill.degraded { background: #f5a524; color: #2b1a00; }
    .pill.offline { background: #ff6b6b; color: #2d0303; }
    .pill.connecting { background: #8fa8c0; color: #0c1a26; }
    .pill.bad_config { background: #b197fc; color: #1d0b46; }
    .sr-only {
      position: absolute;
      width: 1px;
      height: 1px;
      overflow: hidden;
      clip-path: inset(50%);
      white-space: nowrap;
    }
    .detail {
      margin: 0;
      font-size: 0.9em;
      color: var(--text-muted, #a9b4c0);
      overflow-wrap: anywhere;
    }
    .controls {
      display: grid;
      grid-template-columns: repeat(auto-fill, minmax(6.2em, 1fr));
      gap: 0.5em;
    }
    button {
      min-height: max(56px, 2.5em);
      min-width: 56px;
      padding: 0.3em 0.6em;
      border-radius: 12px;
      border: 2px solid var(--button-border, #3d5166);
      background: var(--button, #233140);
      color: inherit;
      font: inherit;
      font-weight: 600;
      cursor: pointer;
      touch-action: manipulation;
      -webkit-tap-highlight-color: transparent;
    }
    button:active {
      background: var(--button-active, #34506b);
      transform: scale(0.97);
    }
    button:focus-visible {
      outline: 3px solid var(--focus, #ffd43b);
      outline-offset: 2px;
    }
    /* Current state (power on, selected input, last preset) is shown, not just pressable. */
    button[aria-pressed='true'],
    button[aria-current='true'] {
      background: var(--accent, #1f6fd1);
      border-color: var(--accent-border, #5aa0ff);
      color: #fff;
    }
    button.stop {
      border-color: #c05454;
    }
    article.unavailable {
      opacity: 0.75;
    }
  `;

  declare device: DeviceView | null;

  constructor() {
    super();
    this.device = null;
  }

  override render() {
    const device = this.device;
    if (!device) return nothing;
    const status = device.status;
    const transition = typeof device.state?.power === 'string' ? POWER_TRANSITIONS[device.state.power] : undefined;
    return html`<article class=${status === 'ok' || status === 'degraded' ? '' : 'unavailable'} aria-labelledby="name">
      <header>
        <div>
          <h2 id="name">${device.name}</h2>
          <p class="kind">${KIND_LABELS[device.kind] ?? device.kind}${transition ? ` · ${transition}` : ''}</p>
        </div>
        <span class="pill ${status}" data-testid="status-pill"><span class="sr-only">Status: </span>${STATUS_LABELS[status] ?? status}</span>
      </header>
      ${device.detail ? html`<p class="detail" data-testid="status-detail">${device.detail}</p>` : nothing}
      ${this.renderControls(device)}
    </article>`;
  }

  private renderControls(device: DeviceView): TemplateResult | typeof nothing {
    const actions = new Set(device.actions.map((a) => a.name));
    const state = device.state ?? {};
    const buttons: TemplateResult[] = [];
    if (actions.has('preset.recall')) {
      const highest = numberTrait(device, 'ptz', 'presets');
      const count = highest === undefined ? PANEL_PRESETS : Math.min(PANEL_PRESETS, highest);
      for (let n = 1; n <= count; n++) {
        buttons.push(this.button(`Preset ${n}`, 'preset.recall', { preset: n }, `preset-recall-${n}`, { current: state.lastPreset === n }));
      }
    }
    if (actions.has('home')) buttons.push(this.button('Home', 'home', {}, 'home'));
    if (actions.has('stop')) buttons.push(this.button('Stop', 'stop', {}, 'stop', { className: 'stop' }));
    if (actions.has('power')) {
      const on = onOff(state.power);
      buttons.push(this.button('On', 'power', { on: true }, 'power-on', { pressed: on === undefined ? undefined : on, name: 'Power on' }));
      buttons.push(this.button('Off', 'power', { on: false }, 'power-off', { pressed: on === undefined ? undefined : !on, name: 'Power off' }));
    }
    if (actions.has('input')) {
      for (const input of inputsOf(device)) {
        buttons.push(this.button(inputLabel(input), 'input', { input }, `input-${input}`, { pressed: state.input === undefined ? undefined : state.input === input }));
      }
    }
    if (actions.has('mute')) {
      const muted = onOff(state.mute ?? state.muted);
      buttons.push(this.button('Mute', 'mute', { on: true }, 'mute-on', { pressed: muted === undefined ? undefined : muted }));
      buttons.push(this.button('Unmute', 'mute', { on: false }, 'mute-off', { pressed: muted === undefined ? undefined : !muted }));
    }
    // `move` gets a joystick later; `volume` a slider.
    if (buttons.length === 0) return nothing;
    return html`<div class="controls" role="group" aria-label=${`${device.name} controls`}>${buttons}</div>`;
  }

  private button(
    label: string,
    action: string,
    params: Record<string, unknown>,
    testId: string,
    options: { pressed?: boolean | undefined; current?: boolean; className?: string; name?: string } = {},
  ): TemplateResult {
    const device = this.device!;
    // The accessible name starts with the visible label (voice control) and names the device,
    // so "Preset 2" of two cameras can be told apart by a screen reader.
    const name = `${options.name ?? label}, ${device.name}`;
    return html`<button
      type="button"
      class=${options.className ?? ''}
      data-testid=${testId}
      aria-label=${name}
      aria-pressed=${options.pressed === undefined ? nothing : String(options.pressed)}
      aria-current=${options.current ? 'true' : nothing}
      @click=${() => this.emit(label, action, params)}
    >
      ${label}
    </button>`;
  }

  private emit(label: string, action: string, params: Record<string, unknown>): void {
    const device = this.device;
    if (!device) return;
    const detail: DeviceActionDetail = { deviceId: device.id, deviceName: device.name, action, params, label };
    this.dispatchEvent(new CustomEvent<DeviceActionDetail>('device-action', { detail, bubbles: true, composed: true }));
  }
}

function numberTrait(device: DeviceView, capability: string, trait: string): number | undefined {
  const value = device.capabilities.find((c) => c.name === capability)?.traits?.[trait];
  return typeof value === 'number' && Number.isFinite(value) ? value : undefined;
}

function inputsOf(device: DeviceView): string[] {
  const value = device.capabilities.find((c) => c.name === 'input')?.traits?.inputs;
  return Array.isArray(value) ? value.filter((v): v is string => typeof v === 'string') : [];
}

/** Drivers publish power/mute as booleans or as words; a display warming up counts as on. */
function onOff(value: unknown): boolean | undefined {
  if (typeof value === 'boolean') return value;
  if (value === 'on' || value === 'warming') return true;
  if (value === 'off' || value === 'standby' || value === 'cooling') return false;
  return undefined;
}

/** Power transitions take a minute on projectors; say so, or the On button looks broken. */
const POWER_TRANSITIONS: Record<string, string> = { warming: 'warming up…', cooling: 'cooling down…' };

const INPUT_WORDS: Record<string, string> = { hdmi: 'HDMI', dp: 'DisplayPort', displayport: 'DisplayPort', usbc: 'USB-C', usb: 'USB', vga: 'VGA', dvi: 'DVI', sdi: 'SDI' };

/** "hdmi1" → "HDMI 1"; bare codes (PJLink "31") → "Input 31". */
export function inputLabel(input: string): string {
  if (/^\d+$/.test(input)) return `Input ${input}`;
  const match = /^([a-z-]+?)[-_ ]?(\d*)$/i.exec(input);
  if (match) {
    const word = INPUT_WORDS[match[1]!.toLowerCase().replace('-', '')];
    if (word) return match[2] ? `${word} ${match[2]}` : word;
  }
  return input.charAt(0).toUpperCase() + input.slice(1);
}

customElements.define('device-card', DeviceCard);

declare global {
  interface HTMLElementTagNameMap {
    'device-card': DeviceCard;
  }
  interface HTMLElementEventMap {
    'device-action': CustomEvent<DeviceActionDetail>;
  }
}
