import { LitElement, css, html, nothing } from 'lit';
import type { Minutes } from '../../appliance/api/api-types.js';
import type { ApiClient } from './api-client.js';
import { i18n, t } from './i18n.js';
import { LocaleController } from './locale-controller.js';
import { panelRequest } from './panel-events.js';
import { panelStyles } from './panel-styles.js';

type Tab = 'notes' | 'decisions' | 'actions';

/**
 * The meeting's notes, decisions and action items (owner and deadline), as they stand, with
 * a form to add each. Shared by the table panel and the phone page (same element, the phone
 * sends the meeting code instead of the panel's credential).
 */
export class MinutesScreen extends LitElement {
  static override properties = {
    meetingId: { type: String, attribute: 'meeting-id' },
    api: { attribute: false },
    tab: { state: true },
    minutes: { state: true },
    error: { state: true },
  };

  static override styles = [
    panelStyles,
    css`
      :host {
        display: grid;
        gap: 0.8em;
        align-content: start;
      }
      .tabs {
        display: grid;
        grid-template-columns: repeat(3, 1fr);
        gap: 0.4em;
      }
      .tabs button {
        padding: 0.2em 0.4em;
      }
      .body {
        display: grid;
        grid-template-columns: minmax(0, 1.2fr) minmax(0, 1fr);
        gap: 1em;
        align-items: start;
      }
      @media (orientation: portrait), (max-width: 700px) {
        .body {
          grid-template-columns: 1fr;
        }
      }
      ul {
        list-style: none;
        margin: 0;
        padding: 0;
        display: grid;
        gap: 0.4em;
      }
      li {
        padding: 0.5em 0.8em;
        border-radius: 12px;
        background: var(--surface);
        border: 1px solid var(--border);
      }
      .meta {
        font-size: 0.8em;
        color: var(--text-muted);
      }
      form {
        display: grid;
        gap: 0.5em;
      }
      .two {
        display: grid;
        grid-template-columns: 1fr 1fr;
        gap: 0.5em;
      }
    `,
  ];

  declare meetingId: string;
  declare api: ApiClient | null;
  declare tab: Tab;
  declare minutes: Minutes | null;
  declare error: string | null;
  private readonly locale = new LocaleController(this);
  private loadedFor = '';

  constructor() {
    super();
    this.meetingId = '';
    this.api = null;
    this.tab = 'notes';
    this.minutes = null;
    this.error = null;
  }

  protected override updated(): void {
    if (this.meetingId && this.api && this.loadedFor !== this.meetingId) {
      this.loadedFor = this.meetingId;
      void this.load();
    }
  }

  async load(): Promise<void> {
    if (!this.api || !this.meetingId) return;
    try {
      const read = await this.api.get<{ minutes: Minutes }>(`/api/v1/meetings/${encodeURIComponent(this.meetingId)}/minutes.json`);
      this.minutes = read.minutes;
      this.error = null;
    } catch (err) {
      this.error = (err as Error).message;
    }
  }

  override render() {
    const m = this.minutes;
    const tab = (id: Tab, label: string, count: number) =>
      html`<button type="button" role="tab" aria-selected=${String(this.tab === id)} aria-pressed=${String(this.tab === id)} data-testid=${`tab-${id}`} @click=${() => (this.tab = id)}>${label} (${count})</button>`;
    return html`
      <div class="tabs" role="tablist" aria-label=${t('Minutes')}>
        ${tab('notes', t('Notes'), m?.notes.length ?? 0)} ${tab('decisions', t('Decisions'), m?.decisions.length ?? 0)} ${tab('actions', t('Action items'), m?.actionItems.length ?? 0)}
      </div>
      ${this.error ? html`<p class="card" role="status">${this.error}</p>` : nothing}
      <div class="body">${this.tab === 'actions' ? this.actions(m) : this.entries(m, this.tab)}</div>
    `;
  }

  private entries(m: Minutes | null, kind: 'notes' | 'decisions') {
    const list = m ? m[kind] : [];
    const noun = kind === 'notes' ? t('Note') : t('Decision');
    return html`
      <ul data-testid=${`list-${kind}`}>
        ${list.length === 0 ? html`<li class="muted">${kind === 'notes' ? t('No notes yet.') : t('No decisions yet.')}</li>` : nothing}
        ${list.map((e) => html`<li>${e.text}<div class="meta">${i18n.time(e.at)}${e.author ? ` · ${e.author}` : ''}</div></li>`)}
      </ul>
      <form @submit=${(e: Event) => this.addEntry(e, kind)}>
        <label>${kind === 'notes' ? t('New note') : t('New decision')}<textarea name="text" required maxlength="5000" data-testid=${`new-${kind}`}></textarea></label>
        <button type="submit" class="primary">${t('Add {what}', { what: noun })}</button>
      </form>
    `;
  }

  private actions(m: Minutes | null) {
    const list = m?.actionItems ?? [];
    return html`
      <ul data-testid="list-actions">
        ${list.length === 0 ? html`<li class="muted">${t('No action items yet.')}</li>` : nothing}
        ${list.map(
          (a) => html`<li>${a.text}<div class="meta">${t('Owner')}: ${a.owner}${a.deadline ? ` · ${t('Due')} ${i18n.shortDate(a.deadline)}` : ''} · ${t(a.status)}</div></li>`,
        )}
      </ul>
      <form @submit=${this.addAction}>
        <label>${t('What')}<input name="text" required maxlength="2000" data-testid="action-text" /></label>
        <div class="two">
          <label>${t('Owner')}<input name="owner" required maxlength="120" data-testid="action-owner" /></label>
          <label>${t('Deadline')}<input name="deadline" type="date" data-testid="action-deadline" /></label>
        </div>
        <button type="submit" class="primary">${t('Add action item')}</button>
      </form>
    `;
  }

  private addEntry(event: Event, kind: 'notes' | 'decisions'): void {
    event.preventDefault();
    const form = event.target as HTMLFormElement;
    const text = String(new FormData(form).get('text') ?? '').trim();
    if (!text) return;
    panelRequest(this, {
      label: kind === 'notes' ? t('Note') : t('Decision'),
      method: 'POST',
      path: `/api/v1/meetings/${encodeURIComponent(this.meetingId)}/${kind}`,
      body: { text },
      queueable: true,
      quiet: true,
      done: () => void this.load(),
    });
    form.reset();
  }

  private addAction(event: Event): void {
    event.preventDefault();
    const form = event.target as HTMLFormElement;
    const data = new FormData(form);
    const text = String(data.get('text') ?? '').trim();
    const owner = String(data.get('owner') ?? '').trim();
    const day = String(data.get('deadline') ?? '');
    if (!text || !owner) return;
    // A deadline is a day; noon UTC keeps it on that date in nearly every time zone.
    const body = { text, owner, ...(day ? { deadline: new Date(`${day}T12:00:00Z`).toISOString() } : {}) };
    panelRequest(this, { label: t('Action item'), method: 'POST', path: `/api/v1/meetings/${encodeURIComponent(this.meetingId)}/action-items`, body, queueable: true, quiet: true, done: () => void this.load() });
    form.reset();
  }
}

customElements.define('minutes-screen', MinutesScreen);

declare global {
  interface HTMLElementTagNameMap {
    'minutes-screen': MinutesScreen;
  }
}
