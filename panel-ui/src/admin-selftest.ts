import { css, html, nothing } from 'lit';
import { customElement, property } from 'lit/decorators.js';
import type { AdminOverview, DeviceView, SelfTestFailureView } from '../../appliance/api/api-types.js';
import { NEXT_STEPS, reasonSentence, SELF_TEST_CHECK_WORDS, silenceSentence } from '../../appliance/meetings/self-test-advice.js';
import { i18n, t } from './i18n.js';
import { PanelElement } from './panel-element.js';
import { listSectionStyles } from './panel-styles.js';
import { ZH_CN } from './zh-cn.js';
import { ZH_CN_SELFTEST } from './zh-cn-selftest.js';

// The advice texts come with the admin view (this chunk), not with the panel's first screen.
Object.assign(ZH_CN, ZH_CN_SELFTEST);

/** What each check tried, in the panel's words (a check new to this panel by its name). */
function checkLabel(check: string): string {
  const words = (SELF_TEST_CHECK_WORDS as Record<string, string>)[check];
  return words ? t(words) : check;
}

/** The server's advice key, worded here (its English `nextStep` when the key is new to this panel). */
function nextStep(f: SelfTestFailureView): string | null {
  const words = f.advice ? (NEXT_STEPS as Record<string, string>)[f.advice] : undefined;
  return words ? t(words) : f.nextStep;
}

/**
 * Why it failed in the panel's words: a silent microphone's measurement, a device's status
 * ("Offline") before what the device said (or the room's own note, labelled as the room's),
 * the room's wait; else as the device said it.
 */
function reasonOf(f: SelfTestFailureView): string {
  const sentence = f.heard
    ? silenceSentence(f.heard)
    : reasonSentence(
        {
          ...(f.status !== null ? { status: f.status, said: f.said, roomSaid: f.roomSaid ?? null } : {}),
          ...(f.waitedMs !== null ? { waitedMs: f.waitedMs } : {}),
        },
        (note) => t(note),
      );
  return sentence ? t(sentence.words, sentence.values) : (f.detail ?? t('failed'));
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
                <span class="reason" data-testid="selftest-reason">${reasonOf(f)}</span>
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
