import { css, html, nothing } from 'lit';
import { customElement, property, state } from 'lit/decorators.js';
import type { AdminOverview, PanelRecord } from '../../appliance/api/api-types.js';
import type { ApiClient } from './api-client.js';
import { i18n, t } from './i18n.js';
import { PanelElement } from './panel-element.js';
import { listSectionStyles } from './panel-styles.js';

/** Paired panels (unpair revokes at once) and panels waiting to be paired (approve). */
@customElement('admin-panels')
export class AdminPanels extends PanelElement {
  static override styles = [
    listSectionStyles,
    css`
      li {
        display: flex;
        justify-content: space-between;
        align-items: center;
        gap: 0.8em;
      }
      li button {
        flex-shrink: 0;
      }
      .contested {
        color: #ff8a80;
      }
      code {
        font-size: 1.1em;
        letter-spacing: 0.08em;
      }
    `,
  ];

  @property({ attribute: false }) panels: PanelRecord[] = [];
  @property({ attribute: false }) waiting: AdminOverview['waiting'] = [];
  @property({ attribute: false }) api: ApiClient | null = null;
  @state() problem: string | null = null;

  override render() {
    return html`
      ${this.problem ? html`<p class="card" role="status">${this.problem}</p>` : nothing}
      ${
        this.waiting.length > 0
          ? html`<h3>${t('Waiting to be paired')}</h3>
            <ul>
              ${this.waiting.map(
                (
                  w,
                ) => html`<li class="card" data-testid="waiting-panel"><span><code>${w.code.slice(0, 4)}-${w.code.slice(4)}</code> · ${w.name}<br /><small class="muted">${t('from {address}', { address: w.from })}</small>
                    ${
                      w.askedBy > 1
                        ? html`<br /><strong class="contested" role="alert" data-testid="asked-by">${t('{n} clients asked with this code: approve only if this is the panel in front of you', { n: w.askedBy })}</strong>`
                        : nothing
                    }</span>
                  <button type="button" class="good" aria-label=${t('Approve panel {code}', { code: w.code })} @click=${() => void this.call('POST', '/api/v1/panels/pair/approve', { code: w.code, requestId: w.requestId })}>${t('Approve')}</button></li>`,
              )}
            </ul>`
          : nothing
      }
      <h3>${t('Paired panels')}</h3>
      <ul data-testid="paired-panels">
        ${this.panels.length === 0 ? html`<li class="card muted">${t('No panel is paired yet (this one uses a token from the config).')}</li>` : nothing}
        ${this.panels.map(
          (p) => html`<li class="card" data-testid="paired-panel">
            <span>${p.name} · <code>${p.pairCode}</code><br /><small class="muted">${p.lastSeenAt ? t('Last seen {time}', { time: `${i18n.shortDate(p.lastSeenAt)} ${i18n.time(p.lastSeenAt)}` }) : t('Not seen yet')}</small></span>
            <button type="button" class="danger" data-testid="unpair" aria-label=${t('Unpair {name}', { name: p.name })} @click=${() => void this.call('DELETE', `/api/v1/admin/panels/${encodeURIComponent(p.id)}`)}>${t('Unpair')}</button>
          </li>`,
        )}
      </ul>
    `;
  }

  private async call(method: 'POST' | 'DELETE', path: string, body?: unknown): Promise<void> {
    if (!this.api) return;
    try {
      await this.api.send(method, path, body);
      this.problem = null;
    } catch (err) {
      this.problem = (err as Error).message;
    }
    this.dispatchEvent(new CustomEvent('admin-changed', { bubbles: true, composed: true }));
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'admin-panels': AdminPanels;
  }
}
