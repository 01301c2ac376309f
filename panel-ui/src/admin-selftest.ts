import { css, html, nothing } from 'lit';
import { customElement, property } from 'lit/decorators.js';
import type { AdminOverview, DeviceView, SelfTestFailureView } from '../../appliance/api/api-types.js';
import { i18n, t } from './i18n.js';
import { PanelElement } from './panel-element.js';
import { listSectionStyles } from './panel-styles.js';
import { ZH_CN } from './zh-cn.js';
import { ZH_CN_SELFTEST } from './zh-cn-selftest.js';

// The advice texts come with the admin view (this chunk), not with the panel's first screen.
Object.assign(ZH_CN, ZH_CN_SELFTEST);

/** What each check tried, in the panel's words. */
function checkLabel(check: string): string {
  const words: Record<string, string> = {
    reachable: t('Connection'),
    'power-on': t('Power on (waking it as the meeting start would)'),
    answers: t('Answers a question'),
    'camera-home': t('Camera to its home position'),
    'display-power': t('Display on'),
    'mic-level': t('Microphone hears the room'),
    'call-host': t('The meeting service answers'),
    'call-browser': t("The call's browser starts"),
  };
  return words[check] ?? check;
}

/** The server's advice key, worded here (its English `nextStep` when the key is new to this panel). */
function nextStep(f: SelfTestFailureView): string | null {
  const words: Record<string, string> = {
    'check-link': t(
      'Check that the device has power and that its cable or network is plugged in; the room reconnects by itself. If it stays offline, restart it under Devices.',
    ),
    'check-config': t("Correct the device's entry in the room's config (the detail names the field), then reload the config."),
    'check-login': t("The device refused the room's login: check the user name and password of the device in the room's config."),
    'power-on-failed': t('The device did not power on: check its power supply, and that control while in standby is enabled in its own menu.'),
    'device-refused': t('The device refused the command: check that it is on and not busy (a menu open, another controller), then run the self-test again.'),
    'no-answer': t('The device did not answer in time: check its cable or network, then run the self-test again.'),
    'device-busy': t('The device was busy (warming up): run the self-test again in a minute.'),
    'mic-silent': t('The microphone hears nothing: check that it is connected, not muted on the device itself, and that its gain is up.'),
    'call-unreachable': t(
      "The meeting service's server did not answer from the room: check the room's internet access and firewall (HTTPS to the service). Meanwhile people join with the link or dial-in from their own devices.",
    ),
    'call-browser': t(
      "The call's browser did not start: check calls.browser.executable in the room's config, and that the browser is installed (Debian: apt install chromium).",
    ),
    'try-again': t('Run the self-test again; if it fails the same way, give the detail above to whoever installed the room.'),
  };
  return (f.advice && words[f.advice]) || f.nextStep;
}

/**
 * The admin view's self-test: when it last ran, and for every failed check the device, what
 * was tried, why it failed (the device's own words and the error code: this view is for
 * whoever fixes the room) and what to do next. Emits `run-selftest` for the button.
 */
@customElement('admin-selftest')
export class AdminSelftest extends PanelElement {
  static override styles = [
    listSectionStyles,
    css`
      .passed {
        color: #8ce99a;
        font-weight: 700;
      }
      .failed {
        color: #ffa8a8;
        font-weight: 700;
      }
      li {
        border-left: 4px solid #ff6b6b;
        padding: 0.4em 0.7em;
        background: rgb(255 107 107 / 0.08);
        border-radius: 8px;
        display: grid;
        gap: 0.2em;
      }
      .reason {
        font-family: ui-monospace, 'DejaVu Sans Mono', monospace;
        font-size: 0.85em;
        color: var(--text-muted);
        overflow-wrap: anywhere;
      }
    `,
  ];

  @property({ attribute: false }) report: AdminOverview['selfTest'] = null;
  @property({ attribute: false }) devices: DeviceView[] = [];
  @property({ type: Boolean }) busy = false;

  override render() {
    const r = this.report;
    const name = (id: string) => this.devices.find((d) => d.id === id)?.name ?? id;
    return html`
      ${
        r
          ? html`<p>
            ${t('Last self-test')}: ${i18n.shortDate(r.at)} ${i18n.time(r.at)} ·
            <span class=${r.passed ? 'passed' : 'failed'} data-testid="selftest-outcome">${r.passed ? t('passed') : t('failed: {list}', { list: r.failed.map(name).join(t(', ')) })}</span>
          </p>`
          : html`<p class="muted">${t('No self-test has run yet.')}</p>`
      }
      <p><button type="button" ?disabled=${this.busy} data-testid="run-selftest" @click=${() => this.dispatchEvent(new CustomEvent('run-selftest', { bubbles: true, composed: true }))}>${t('Run the self-test now')}</button></p>
      ${
        r && r.failures.length > 0
          ? html`<ul aria-label=${t('What failed')}>
            ${r.failures.map(
              (f) => html`<li data-testid="selftest-failure" data-device=${f.deviceId} data-check=${f.check}>
                <strong>${name(f.deviceId)} · ${checkLabel(f.check)}</strong>
                <span class="reason" data-testid="selftest-reason">${f.detail ?? t('failed')}</span>
                ${nextStep(f) ? html`<span data-testid="selftest-next">${t('Next step: {step}', { step: nextStep(f)! })}</span>` : nothing}
              </li>`,
            )}
          </ul>`
          : nothing
      }
    `;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'admin-selftest': AdminSelftest;
  }
}
