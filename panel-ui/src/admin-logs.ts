import { css, html, nothing } from 'lit';
import { customElement, property, state } from 'lit/decorators.js';
import type { LogLine } from '../../appliance/api/api-types.js';
import type { ApiClient } from './api-client.js';
import { i18n, t } from './i18n.js';
import { PanelElement } from './panel-element.js';

/** The appliance's recent log lines (its ring buffer), newest first. */
@customElement('admin-logs')
export class AdminLogs extends PanelElement {
  static override styles = css`
    :host {
      display: grid;
      gap: 0.5em;
    }
    ol {
      list-style: none;
      margin: 0;
      padding: 0;
      font-family: ui-monospace, 'DejaVu Sans Mono', monospace;
      font-size: 0.75em;
      display: grid;
      gap: 0.15em;
      max-height: 55vh;
      overflow: auto;
    }
    li {
      display: grid;
      grid-template-columns: auto auto 1fr;
      gap: 0.6em;
      padding: 0.2em 0.4em;
      border-radius: 6px;
    }
    li.warn {
      background: #3b2f0a;
    }
    li.error,
    li.fatal {
      background: #4a1f24;
    }
  `;

  @property({ attribute: false }) api: ApiClient | null = null;
  @state() lines: LogLine[] = [];
  @state() problem: string | null = null;

  override connectedCallback(): void {
    super.connectedCallback();
    void this.load();
  }

  override render() {
    return html`<div class="row"><button type="button" @click=${() => void this.load()}>${t('Refresh')}</button><span class="muted">${t('{n} lines', { n: this.lines.length })}</span></div>
      ${this.problem ? html`<p role="status">${this.problem}</p>` : nothing}
      <ol data-testid="admin-logs">
        ${[...this.lines].reverse().map((l) => html`<li class=${l.level}><span>${i18n.time(l.at)}</span><span>${l.level}</span><span>${l.source ? `[${l.source}] ` : ''}${l.msg}</span></li>`)}
      </ol>`;
  }

  private async load(): Promise<void> {
    if (!this.api) return;
    try {
      this.lines = await this.api.get<LogLine[]>('/api/v1/admin/logs?limit=200');
      this.problem = null;
    } catch (err) {
      this.problem = (err as Error).message;
    }
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'admin-logs': AdminLogs;
  }
}
