import { css, html, nothing } from 'lit';
import { customElement, property, state } from 'lit/decorators.js';
import { i18n, t } from './i18n.js';
import { PanelElement } from './panel-element.js';

/** `YYYY-MM-DD` of an instant in the room's time zone (the panel's "today" is the room's). */
function dayOf(date: Date): string {
  return new Intl.DateTimeFormat('en-CA', { year: 'numeric', month: '2-digit', day: '2-digit', ...(i18n.timeZone ? { timeZone: i18n.timeZone } : {}) }).format(
    date,
  );
}

const utc = (day: string) => new Date(`${day}T12:00:00Z`);
const addDays = (day: string, n: number) => new Date(utc(day).getTime() + n * 86_400_000).toISOString().slice(0, 10);

/**
 * A date for fingers, in the panel's language: the chosen day written out ("Wed, 15 Jan" /
 * "1月15日周三"), one touch for today, tomorrow or in a week, and a month of large day buttons
 * (weeks from Monday) — not the browser's small picker, which follows the browser's language.
 * `value` is `YYYY-MM-DD` or empty.
 */
@customElement('date-field')
export class DateField extends PanelElement {
  static override styles = css`
    :host {
      display: block;
    }
    .field {
      width: 100%;
      text-align: start;
      font-weight: 400;
      background: #0b1015;
    }
    .field.empty {
      color: var(--text-muted);
    }
    dialog {
      padding: 0.8em;
      border-color: var(--accent-border);
      /* The field sits in a label (0.85em): the picker takes the panel's own size again. */
      font-size: 1.1765em;
      width: min(25em, 96vw);
      max-height: 96vh;
    }
    .layout {
      display: grid;
      grid-template-areas: 'quick' 'cal' 'foot';
      gap: 0.4em;
    }
    .quick {
      grid-area: quick;
    }
    .cal {
      grid-area: cal;
    }
    .foot {
      grid-area: foot;
    }
    /* Short panels: the quick choices beside the month, so the whole picker fits. */
    @media (max-height: 640px) {
      dialog {
        width: min(34em, 96vw);
        padding: 0.5em;
      }
      .layout {
        grid-template-columns: minmax(0, 0.8fr) minmax(0, 2fr);
        grid-template-areas: 'quick cal' 'foot cal';
        align-items: start;
      }
      .quick,
      .foot {
        grid-template-columns: 1fr;
        display: grid;
        margin: 0;
      }
      .head button {
        min-height: 48px;
      }
    }
    .quick,
    .head {
      display: grid;
      grid-template-columns: repeat(3, 1fr);
      gap: 0.3em;
      margin-bottom: 0.4em;
    }
    .head {
      grid-template-columns: auto 1fr auto;
      align-items: center;
      text-align: center;
      font-weight: 700;
    }
    .grid {
      display: grid;
      grid-template-columns: repeat(7, minmax(0, 1fr));
      gap: 0.2em;
    }
    .grid span {
      text-align: center;
      font-size: 0.75em;
      color: var(--text-muted);
    }
    .grid button,
    .quick button {
      min-width: 48px;
      min-height: 48px;
      padding: 0;
      font-size: 0.9em;
    }
    .grid button.today {
      border-color: var(--focus);
    }
    .foot {
      display: flex;
      gap: 0.4em;
    }
    .foot button {
      flex: 1;
    }
  `;

  @property({ type: String }) value = '';
  @state() open = false;
  /** First day of the month on show, `YYYY-MM-01`. */
  @state() month = '';

  override render() {
    const today = dayOf(new Date());
    const shown = this.value
      ? new Intl.DateTimeFormat(i18n.locale, {
          weekday: 'short',
          month: 'short',
          day: 'numeric',
          year: this.value.slice(0, 4) === today.slice(0, 4) ? undefined : 'numeric',
          timeZone: 'UTC',
        }).format(utc(this.value))
      : t('No deadline');
    return html`
      <button type="button" class="field ${this.value ? '' : 'empty'}" data-testid="date-open" aria-haspopup="dialog" @click=${this.show}>${shown}</button>
      ${this.open ? this.picker(today) : nothing}
    `;
  }

  private picker(today: string) {
    const first = utc(this.month);
    const monthName = new Intl.DateTimeFormat(i18n.locale, { year: 'numeric', month: 'long', timeZone: 'UTC' }).format(first);
    const weekday = new Intl.DateTimeFormat(i18n.locale, { weekday: 'narrow', timeZone: 'UTC' });
    const lead = (first.getUTCDay() + 6) % 7; // Monday first
    const days = new Date(Date.UTC(first.getUTCFullYear(), first.getUTCMonth() + 1, 0)).getUTCDate();
    const day = (n: number) => `${this.month.slice(0, 8)}${String(n).padStart(2, '0')}`;
    return html`<dialog data-testid="date-picker" aria-label=${t('Choose a date')} @close=${() => (this.open = false)}>
      <div class="layout">
      <div class="quick">
        <button type="button" data-testid="date-today" @click=${() => this.pick(today)}>${t('Today')}</button>
        <button type="button" data-testid="date-tomorrow" @click=${() => this.pick(addDays(today, 1))}>${t('Tomorrow')}</button>
        <button type="button" data-testid="date-week" @click=${() => this.pick(addDays(today, 7))}>${t('In a week')}</button>
      </div>
      <div class="cal">
      <div class="head">
        <button type="button" aria-label=${t('Previous month')} data-testid="date-prev-month" @click=${() => this.turn(-1)}>‹</button>
        <span aria-live="polite">${monthName}</span>
        <button type="button" aria-label=${t('Next month')} data-testid="date-next-month" @click=${() => this.turn(1)}>›</button>
      </div>
      <div class="grid" role="group" aria-label=${monthName}>
        ${[0, 1, 2, 3, 4, 5, 6].map((i) => html`<span aria-hidden="true">${weekday.format(new Date(Date.UTC(2024, 0, 1 + i)))}</span>`)}
        ${Array.from({ length: lead }, () => html`<span></span>`)}
        ${Array.from({ length: days }, (_, i) => {
          const d = day(i + 1);
          return html`<button type="button" class=${d === today ? 'today' : ''} aria-pressed=${String(d === this.value)} aria-label=${new Intl.DateTimeFormat(i18n.locale, { dateStyle: 'full', timeZone: 'UTC' }).format(utc(d))} data-testid=${`date-${d}`} @click=${() => this.pick(d)}>${i + 1}</button>`;
        })}
      </div>
      </div>
      <div class="foot">
        <button type="button" data-testid="date-clear" @click=${() => this.pick('')}>${t('No deadline')}</button>
        <button type="button" @click=${() => (this.open = false)}>${t('Cancel')}</button>
      </div>
      </div>
    </dialog>`;
  }

  protected override updated(): void {
    const dialog = this.renderRoot.querySelector('dialog');
    if (dialog && !dialog.open) dialog.showModal();
  }

  private show(): void {
    this.month = `${(this.value || dayOf(new Date())).slice(0, 8)}01`;
    this.open = true;
  }

  private turn(by: number): void {
    const d = utc(this.month);
    this.month = new Date(Date.UTC(d.getUTCFullYear(), d.getUTCMonth() + by, 1, 12)).toISOString().slice(0, 10);
  }

  private pick(day: string): void {
    this.value = day;
    this.open = false;
    this.dispatchEvent(new Event('change', { bubbles: true, composed: true }));
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'date-field': DateField;
  }
}
