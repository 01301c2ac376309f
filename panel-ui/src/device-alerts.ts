import { css, html, nothing } from 'lit';
import { customElement, property } from 'lit/decorators.js';
import type { DeviceView } from '../../appliance/api/api-types.js';
import { deviceProblem, namesAndCount, troubledDevices } from './device-health-words.js';
import { t } from './i18n.js';
import { PanelElement } from './panel-element.js';

/** Lines shown at most; the rest is one "and n more" (the screen's own content must stay in view). */
const SHOWN = 2;

/**
 * What is not working in the room, in plain words, on the Room and Controls screens — before
 * anyone taps a dead device: "Front camera is offline — facilities have been told." Live:
 * the list follows the device stream. Nothing at all when every device is fine.
 */
@customElement('device-alerts')
export class DeviceAlerts extends PanelElement {
  static override styles = css`
    :host {
      display: block;
    }
    ul {
      list-style: none;
      margin: 0;
      padding: 0.35em 0.8em;
      border-radius: 12px;
      background: #3d2a12;
      border: 2px solid #f08c00;
      display: grid;
      gap: 0.15em;
      font-size: 0.9em;
      line-height: 1.3;
    }
    li.degraded {
      color: #ffe066;
    }
    li::before {
      content: '⚠ ';
    }
    li.summary {
      display: none;
    }
    /* Short panels, and the Controls screen (whose every row already says why it is off):
       several devices in one sentence, so the screen's own controls stay in view. It may wrap
       on a narrow panel, never cut: it names two devices and counts the rest. */
    :host([compact]) ul.several li,
    :host([compact]) ul.several li.summary {
      display: none;
    }
    :host([compact]) ul.several li.summary {
      display: block;
    }
    @media (max-height: 640px) {
      ul {
        padding: 0.2em 0.7em;
      }
      ul.several li {
        display: none;
      }
      ul.several li.summary {
        display: block;
      }
    }
  `;

  @property({ attribute: false }) devices: DeviceView[] = [];
  /** The room reports its faults to facilities (PanelInfo.faultsReported). */
  @property({ type: Boolean }) reported = false;
  /** Several devices in one sentence at every size (the Controls screen says per row why each is off). */
  @property({ type: Boolean, reflect: true }) compact = false;

  override render() {
    const troubled = troubledDevices(this.devices);
    if (troubled.length === 0) return nothing;
    const shown = troubled.length > SHOWN + 1 ? troubled.slice(0, SHOWN) : troubled;
    const more = troubled.length - shown.length;
    // Two names and a count: the sentence stays short enough for one line of an 800-wide panel.
    const names = namesAndCount(
      troubled.map((d) => d.name),
      SHOWN,
    );
    return html`<ul role="status" aria-live="polite" data-testid="device-alerts" class=${troubled.length > 1 ? 'several' : ''}>
      ${shown.map((d) => html`<li class=${d.status} data-device=${d.id} data-status=${d.status}>${deviceProblem(d, this.reported)}</li>`)}
      ${more > 0 ? html`<li>${t('and {n} more: see Help or call facilities.', { n: more })}</li>` : nothing}
      ${
        troubled.length > 1
          ? html`<li class="summary">${this.reported ? t('Not working: {names} — facilities have been told.', { names }) : t('Not working: {names} — call facilities if you need them.', { names })}</li>`
          : nothing
      }
    </ul>`;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'device-alerts': DeviceAlerts;
  }
}
