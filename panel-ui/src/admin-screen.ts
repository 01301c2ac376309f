import { css, html, nothing } from 'lit';
import { customElement, property, state } from 'lit/decorators.js';
import type { AdminOverview, RoomLocale } from '../../appliance/api/api-types.js';
import { ApiError, type ApiClient } from './api-client.js';
import { inPanelLanguage } from './device-words.js';
import { i18n, t } from './i18n.js';
import './admin-devices.js';
import './admin-logs.js';
import './admin-notifications.js';
import './admin-panels.js';
import { ruleWords } from './admin-rule-words.js';
import './admin-selftest.js';
import './pin-pad.js';
import { PanelElement } from './panel-element.js';
import { ZH_CN } from './zh-cn.js';
import { ZH_CN_ADMIN } from './zh-cn-admin.js';

// The admin view's own words load with it, not with the panel's first screen.
Object.assign(ZH_CN, ZH_CN_ADMIN);

type Tab = 'devices' | 'selftest' | 'logs' | 'messages' | 'panels' | 'settings';

/** What the room can still save, on every tab: IT sees a filling data folder before it refuses writes, and why it refuses them once full. */
function storageLine(storage: AdminOverview['storage']) {
  if (!storage) return nothing;
  const bytes = storage.freeBytes;
  // GB and MB read the same in Chinese; null: the room could not read its free space.
  const free = bytes === null ? '?' : bytes >= 1e9 ? `${(bytes / 1e9).toFixed(1)} GB` : `${Math.ceil(bytes / 1e6)} MB`;
  const words =
    storage.state === 'full'
      ? t('Storage full: not saved')
      : storage.state === 'low'
        ? t('Storage low: {free} free', { free })
        : t('Storage: ok, {free} free', { free });
  return html`<p class="card" data-testid="admin-storage" data-state=${storage.state}>
    ${words} ${storage.code ? html`<code class="key">${storage.code}</code>` : nothing}
  </p>`;
}

/**
 * The admin view, behind the PIN (checked by the server, which locks it after five wrong
 * ones): what the room can still save, devices and their health, the last self-test, recent logs,
 * paired panels, settings.
 * The session lives only while this screen is open.
 */
@customElement('admin-screen')
export class AdminScreen extends PanelElement {
  static override styles = css`
    :host {
      display: grid;
      gap: 0.8em;
      align-content: start;
    }
    .tabs {
      display: flex;
      flex-wrap: wrap;
      gap: 0.4em;
    }
    /* As wide as its name at least (a button's 56 px floor would let "Messages" spill out of a
       sixth of a portrait panel), sharing what is left; the row wraps when the names need it. */
    .tabs button {
      flex: 1 1 auto;
    }
    /* A rule's name takes at most half the width and wraps: its value, beside it, keeps its words whole. */
    dl {
      display: grid;
      grid-template-columns: fit-content(50%) 1fr;
      gap: 0.3em 1em;
      margin: 0;
    }
    dt {
      color: var(--text-muted);
    }
    dd {
      margin: 0;
      overflow-wrap: anywhere;
    }
    [data-state='low'] {
      border-color: var(--soon);
    }
    [data-state='full'] {
      border-color: var(--busy);
    }
    /* The config's name for a rule, for whoever edits the config. */
    .key {
      display: block;
      font-size: 0.75em;
      opacity: 0.75;
    }
  `;

  @property({ attribute: false }) api: ApiClient | null = null;
  @state() overview: AdminOverview | null = null;
  @state() tab: Tab = 'devices';
  @state() message = '';
  @state() lockedUntil = 0;
  @state() busy = false;
  private lockTimer: number | undefined;

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    window.clearInterval(this.lockTimer);
    // Leaving the admin view closes the session: the next person needs the PIN again.
    const api = this.api;
    if (api?.adminSession) {
      void api.send('DELETE', '/api/v1/admin/session').catch(() => undefined);
      api.adminSession = null;
    }
    this.overview = null;
  }

  override render() {
    if (!this.overview) {
      const locked = this.lockedUntil > Date.now();
      return html`<pin-pad
        label=${t('Enter the admin PIN')}
        message=${locked ? t('Too many wrong PINs. Try again in {n} s.', { n: Math.ceil((this.lockedUntil - Date.now()) / 1000) }) : this.message}
        ?locked=${locked || this.busy}
        data-testid="admin-pin"
        data-locked=${String(locked)}
        @pin-submit=${(e: CustomEvent<{ pin: string }>) => void this.login(e.detail.pin)}
      ></pin-pad>`;
    }
    const tab = (id: Tab, label: string) =>
      html`<button type="button" aria-pressed=${String(this.tab === id)} data-testid=${`admin-tab-${id}`} @click=${() => this.show(id)}>${label}</button>`;
    return html`
      <div class="tabs" role="group" aria-label=${t('Admin sections')} data-testid="admin-tabs">
        ${tab('devices', t('Devices'))} ${tab('selftest', t('Self-test'))} ${tab('logs', t('Logs'))} ${tab('messages', t('Messages'))} ${tab('panels', t('Panels'))} ${tab('settings', t('Settings'))}
      </div>
      ${storageLine(this.overview.storage)} ${this.message ? html`<p class="card" role="status">${this.message}</p>` : nothing} ${this.section(this.overview)}
    `;
  }

  private section(o: AdminOverview) {
    switch (this.tab) {
      case 'devices':
        return html`<admin-devices .devices=${inPanelLanguage(o.devices)} .api=${this.api} @admin-changed=${() => void this.refresh()}></admin-devices>`;
      case 'logs':
        return html`<admin-logs .api=${this.api}></admin-logs>`;
      case 'messages':
        return html`<admin-notifications .notifications=${o.notifications}></admin-notifications>`;
      case 'panels':
        return html`<admin-panels .panels=${o.panels} .waiting=${o.waiting} .api=${this.api} @admin-changed=${() => void this.refresh()}></admin-panels>`;
      case 'selftest':
        return html`<admin-selftest class="card" data-testid="admin-selftest" .report=${o.selfTest} .devices=${inPanelLanguage(o.devices)} ?busy=${this.busy} @run-selftest=${() => void this.selfTest()}></admin-selftest>`;
      case 'settings':
        return html`<section class="card">
          <dl>
            <dt>${t('Room')}</dt>
            <dd>${o.settings.roomName}</dd>
            <dt>${t('Time zone')}</dt>
            <dd>${o.settings.timezone}</dd>
            <dt>${t('Room language (panels and messages)')}</dt>
            <dd class="row">
              ${(['en', 'zh-CN'] as RoomLocale[]).map((l) => html`<button type="button" aria-pressed=${String(o.settings.locale === l)} @click=${() => void this.setLocale(l)}>${l === 'en' ? 'English' : '中文'}</button>`)}
            </dd>
            ${Object.entries(o.settings.rules)
              .filter(([, v]) => typeof v !== 'object')
              .map(([k, v]) => {
                const rule = ruleWords(k, v);
                return html`<dt data-testid=${`rule-${k}`}>${rule.label} <code class="key">${k}</code></dt><dd>${rule.value}</dd>`;
              })}
          </dl>
        </section>`;
    }
  }

  private show(tab: Tab): void {
    this.tab = tab;
    this.message = '';
    void this.refresh();
  }

  private async login(pin: string): Promise<void> {
    if (!this.api) return;
    this.busy = true;
    try {
      const { session } = await this.api.post<{ session: string }>('/api/v1/admin/session', { pin });
      this.api.adminSession = session;
      this.message = '';
      await this.refresh();
    } catch (err) {
      const error = err instanceof ApiError ? err : null;
      const details = (error?.details ?? {}) as { attemptsLeft?: number; retryAfterSeconds?: number };
      if (error?.code === 'ROOMCTL_E_LOCKED_OUT') {
        this.lockedUntil = Date.now() + (details.retryAfterSeconds ?? 30) * 1000;
        window.clearInterval(this.lockTimer);
        this.lockTimer = window.setInterval(() => {
          if (Date.now() >= this.lockedUntil) window.clearInterval(this.lockTimer);
          this.requestUpdate();
        }, 1000);
      } else if (error?.code === 'ROOMCTL_E_UNAUTHORIZED') {
        this.message = t('Wrong PIN. {n} tries left.', { n: details.attemptsLeft ?? 0 });
      } else if (error?.code === 'ROOMCTL_E_ADMIN_PIN_NOT_SET') {
        this.message = t('This room has no admin PIN in its config.');
      } else {
        this.message = error?.message ?? String(err);
      }
    } finally {
      this.busy = false;
    }
  }

  private async refresh(): Promise<void> {
    if (!this.api?.adminSession) return;
    try {
      this.overview = await this.api.get<AdminOverview>('/api/v1/admin/overview');
    } catch (err) {
      if (err instanceof ApiError && err.code === 'ROOMCTL_E_FORBIDDEN') {
        this.api.adminSession = null;
        this.overview = null;
        this.message = t('The admin session has ended. Enter the PIN again.');
      }
    }
  }

  private async selfTest(): Promise<void> {
    if (!this.api) return;
    this.busy = true;
    try {
      await this.api.post('/api/v1/selftests');
      await this.refresh();
    } catch (err) {
      this.message = (err as Error).message;
    } finally {
      this.busy = false;
    }
  }

  private async setLocale(locale: RoomLocale): Promise<void> {
    if (!this.api) return;
    try {
      await this.api.send('PUT', '/api/v1/admin/settings', { locale });
      i18n.setLocale(locale, true);
      await this.refresh();
    } catch (err) {
      this.message = (err as Error).message;
    }
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'admin-screen': AdminScreen;
  }
}
