import { css, html, nothing } from 'lit';
import { customElement, property } from 'lit/decorators.js';
import type { AdminOverview } from '../../appliance/api/api-types.js';
import { i18n, t } from './i18n.js';
import { PanelElement } from './panel-element.js';
import { plainListStyles } from './panel-styles.js';

/**
 * Messages the room could not deliver (minutes, reminders, help calls): how many wait, how
 * many were given up, and for each recent failure whether it passes by itself (temporary:
 * retried) or needs someone to fix the channel (permanent), with the tool's own words.
 */
@customElement('admin-notifications')
export class AdminNotifications extends PanelElement {
  static override styles = [
    plainListStyles,
    css`
      ul {
        gap: 0.6em;
      }
      .reason {
        font-size: 0.85em;
        overflow-wrap: anywhere;
      }
      .permanent {
        color: var(--bad, #b3261e);
      }
    `,
  ];

  @property({ attribute: false }) notifications: AdminOverview['notifications'] = { pending: 0, dead: 0, failing: [] };

  override render() {
    const n = this.notifications;
    return html`<section class="card" data-testid="admin-notifications">
      <p>${t('{pending} waiting to be sent · {dead} given up', { pending: n.pending, dead: n.dead })}</p>
      ${
        n.failing.length === 0
          ? html`<p class="muted">${t('Every message was delivered.')}</p>`
          : html`<ul>
            ${n.failing.map(
              (f) => html`<li data-testid="admin-notification" data-failure=${f.failure}>
                <strong>${f.title}</strong> → ${f.channel}
                <div class=${f.failure}>
                  ${
                    f.failure === 'permanent'
                      ? t('Will not go through: fix the channel or the message, then retry.')
                      : t('Will be tried again at {time} (attempt {n}).', { time: i18n.time(f.nextAttemptAt), n: f.attempts })
                  }
                </div>
                <div class="reason muted">${f.lastError}</div>
              </li>`,
            )}
          </ul>`
      }
      ${nothing}
    </section>`;
  }
}
