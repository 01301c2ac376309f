import { css, html, nothing } from 'lit';
import { customElement, property, state } from 'lit/decorators.js';
import type { DeviceView } from '../../appliance/api/api-types.js';
import type { ApiClient } from './api-client.js';
import { kindLabel, statusLabel } from './device-words.js';
import { i18n, t } from './i18n.js';
import { PanelElement } from './panel-element.js';

/** Devices and their health, with a restart (reconnect) button each. */
@customElement('admin-devices')
export class AdminDevices extends PanelElement {
  static override styles = css`
    :host {
      display: grid;
      grid-template-columns: repeat(auto-fill, minmax(min(100%, 17em), 1fr));
      gap: 0.6em;
    }
    article {
      display: grid;
      gap: 0.4em;
      align-content: start;
    }
    h3 {
      font-size: 1.05em;
    }
    .detail {
      font-size: 0.85em;
      color: var(--text-muted);
      overflow-wrap: anywhere;
    }
  `;

  @property({ attribute: false }) devices: DeviceView[] = [];
  @property({ attribute: false }) api: ApiClient | null = null;
  @state() restarting: string | null = null;
  @state() problem: string | null = null;

  override render() {
    return html`${this.problem ? html`<p class="card" role="status">${this.problem}</p>` : nothing}
    ${this.devices.map(
      (d) => html`<article class="card" data-testid=${`admin-device-${d.id}`} data-status=${d.status}>
        <header>
          <div>
            <h3>${d.name}</h3>
            <p class="muted">${kindLabel(d.kind)} · ${d.driver}</p>
          </div>
          <span class="pill ${d.status}"><span class="sr-only">${t('Status')}: </span>${statusLabel(d.status)}</span>
        </header>
        <p class="detail">${t('Since {time}', { time: `${i18n.shortDate(d.since)} ${i18n.time(d.since)}` })}${d.detail ? ` · ${d.detail}` : ''}</p>
        <button type="button" data-testid=${`restart-${d.id}`} aria-label=${t('Restart {name}', { name: d.name })} ?disabled=${this.restarting !== null} @click=${() => void this.restart(d)}>
          ${this.restarting === d.id ? t('Restarting…') : t('Restart')}
        </button>
      </article>`,
    )}`;
  }

  private async restart(d: DeviceView): Promise<void> {
    if (!this.api) return;
    this.restarting = d.id;
    this.problem = null;
    try {
      await this.api.post(`/api/v1/admin/devices/${encodeURIComponent(d.id)}/restart`);
    } catch (err) {
      this.problem = (err as Error).message;
    } finally {
      this.restarting = null;
      this.dispatchEvent(new CustomEvent('admin-changed', { bubbles: true, composed: true }));
    }
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'admin-devices': AdminDevices;
  }
}
