import { css, html, nothing } from 'lit';
import { customElement, property } from 'lit/decorators.js';
import { t } from './i18n.js';
import { icons } from './icons.js';
import { PanelElement } from './panel-element.js';
import { navigate, panelRequest, type Screen } from './panel-events.js';

/**
 * The bar at the bottom of every screen: the screens, and the room-wide mute — big, and
 * showing its state in colour, icon and words, because it is what people reach for first.
 */
@customElement('nav-bar')
export class NavBar extends PanelElement {
  static override styles = css`
    :host {
      display: flex;
      gap: 0.5em;
      padding: 0.5em 0.8em;
      border-top: 1px solid var(--border);
      background: #121a22;
    }
    nav {
      display: flex;
      gap: 0.4em;
      flex: 1;
      min-width: 0;
    }
    nav button {
      flex: 1;
      min-width: 0;
      padding: 0.2em 0.4em;
      display: grid;
      justify-items: center;
      line-height: 1.1;
      font-size: 0.85em;
    }
    .icon {
      font-size: 1.35em;
      line-height: 1;
    }
    .mute {
      flex: none;
      min-width: 8.5em;
      font-size: 1.05em;
      display: flex;
      align-items: center;
      justify-content: center;
      gap: 0.4em;
    }
    .mute.on {
      background: #c92a2a;
      border-color: #ff8787;
      color: #fff;
    }
    .help {
      border-color: #f08c00;
    }
    @media (max-width: 560px) {
      .label {
        display: none;
      }
      .mute {
        min-width: 5em;
      }
    }
  `;

  @property({ type: String }) screen: Screen = 'home';
  @property({ attribute: false }) muted: boolean | undefined = undefined;
  @property({ type: Boolean, attribute: 'has-minutes' }) hasMinutes = false;

  override render() {
    const item = (screen: Screen, icon: unknown, label: string, extra = '') =>
      html`<button type="button" class=${extra} data-testid=${`nav-${screen}`} aria-current=${this.screen === screen ? 'true' : nothing} aria-label=${label} @click=${() => navigate(this, screen)}>
        <span class="icon">${icon}</span><span class="label">${label}</span>
      </button>`;
    const muted = this.muted === true;
    return html`
      <nav aria-label=${t('Screens')}>
        ${item('home', icons.home, t('Room'))} ${item('controls', icons.controls, t('Controls'))} ${this.hasMinutes ? item('minutes', icons.minutes, t('Minutes')) : nothing}
        ${item('help', icons.help, t('Help'), 'help')} ${item('admin', icons.admin, t('Admin'))}
      </nav>
      <button
        type="button"
        class="mute ${muted ? 'on' : ''}"
        data-testid="room-mute"
        aria-pressed=${this.muted === undefined ? nothing : String(muted)}
        aria-label=${muted ? t('Microphones muted: press to unmute') : t('Mute all microphones')}
        @click=${this.toggle}
      >
        <span class="icon">${muted ? icons.micOff : icons.mic}</span>${muted ? t('Muted') : t('Mute')}
      </button>
    `;
  }

  private toggle(): void {
    const on = this.muted !== true;
    panelRequest(this, { label: on ? t('Mute') : t('Unmute'), method: 'POST', path: '/api/v1/room/mute', body: { on }, queueable: true });
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'nav-bar': NavBar;
  }
}
