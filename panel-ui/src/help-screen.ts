import { css, html } from 'lit';
import { customElement, property, state } from 'lit/decorators.js';
import type { HelpRequestView } from '../../appliance/api/api-types.js';
import type { ApiClient } from './api-client.js';
import { i18n, t } from './i18n.js';
import { PanelElement } from './panel-element.js';
import { panelRequest } from './panel-events.js';
import { HelpWatchController } from './help-watch-controller.js';
import { HELP_REASONS } from './help-reasons.js';

/** The name staff answered under; the fleet view's default "facilities" is worded in the panel's language. */
function whoSawIt(by: string | null): string {
  return by === null || /^facilities$/i.test(by.trim()) ? t('Facilities') : by;
}

/** Call facilities (an MQTT event), then show — live — that someone has seen it. */
@customElement('help-screen')
export class HelpScreen extends PanelElement {
  static override styles = css`
    :host {
      display: grid;
      gap: 1em;
      align-content: start;
      max-width: 56em;
      margin: 0 auto;
      width: 100%;
    }
    h2 {
      font-size: 1.6em;
    }
    .reasons {
      display: grid;
      grid-template-columns: repeat(auto-fill, minmax(8em, 1fr));
      gap: 0.5em;
    }
    .call {
      min-height: 80px;
      font-size: 1.3em;
      background: #b35c00;
      border-color: #ffa94d;
    }
    .state {
      border-radius: 16px;
      padding: 0.9em 1.1em;
      font-size: 1.2em;
      font-weight: 600;
    }
    .state.waiting {
      background: #2a3b4d;
      border: 2px solid #5aa0ff;
    }
    .state.seen {
      background: #1d4d2b;
      border: 2px solid #51cf66;
    }
    /* An 8" panel (800×480): the call button stays whole above the nav bar also in Chinese, whose lines are taller. */
    @media (max-height: 560px) {
      :host {
        gap: 0.6em;
      }
      .call {
        min-height: 64px;
      }
    }
  `;

  @property({ attribute: false }) api: ApiClient | null = null;
  @state() reason: string | null = null;
  private readonly watch = new HelpWatchController(this);

  override render() {
    this.watch.api = this.api;
    const request = this.watch.request;
    if (request) return this.status(request);
    return html`
      <h2>${t('Call facilities')}</h2>
      <p class="muted">${t('What is it about? (optional)')}</p>
      <div class="reasons" role="group" aria-label=${t('Reason')}>
        ${HELP_REASONS.map((r) => html`<button type="button" aria-pressed=${String(this.reason === r)} @click=${() => (this.reason = this.reason === r ? null : r)}>${t(r)}</button>`)}
      </div>
      <button type="button" class="call" data-testid="call-help" @click=${this.call}>${t('Call facilities now')}</button>
    `;
  }

  /**
   * The call's state, and Done — also while nobody has seen it: the call stays with facilities,
   * but the next people in the room must not find this screen waiting on it for hours, with no
   * way to call for themselves.
   */
  private status(request: HelpRequestView) {
    const seen = request.acknowledgedAt !== null;
    const resolved = request.resolvedAt !== null && request.resolvedAt !== undefined;
    return html`
      <h2>${resolved ? t('Your call is dealt with') : t('Help is on its way')}</h2>
      <p class="state ${seen ? 'seen' : 'waiting'}" role="status" aria-live="polite" data-testid="help-state" data-seen=${String(seen)} data-resolved=${String(resolved)}>
        ${
          resolved
            ? t('{who} marked your call as dealt with ({time}).', { who: whoSawIt(request.resolvedBy), time: i18n.time(request.resolvedAt!) })
            : seen
              ? t('{who} has seen your call ({time}) and is on the way.', { who: whoSawIt(request.acknowledgedBy), time: i18n.time(request.acknowledgedAt!) })
              : request.id.startsWith('queued:')
                ? t('Your call will be sent as soon as the panel is back online.')
                : t('Facilities have been called ({time}). Waiting for someone to see it…', { time: i18n.time(request.at) })
        }
      </p>
      <button type="button" data-testid="help-done" @click=${() => this.watch.forget()}>${t('Done')}</button>
    `;
  }

  private call(): void {
    const message = this.reason ? `${this.reason}` : undefined;
    panelRequest(this, {
      label: t('Call facilities'),
      method: 'POST',
      path: '/api/v1/help',
      body: message ? { message } : {},
      queueable: true,
      done: (result) => this.watch.follow(result as HelpRequestView),
      queued: () =>
        this.watch.follow({
          id: `queued:${Date.now()}`,
          at: new Date().toISOString(),
          message: message ?? null,
          acknowledgedAt: null,
          acknowledgedBy: null,
          resolvedAt: null,
          resolvedBy: null,
        }),
    });
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'help-screen': HelpScreen;
  }
}
