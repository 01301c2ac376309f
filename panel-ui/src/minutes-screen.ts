import { css, html, nothing } from 'lit';
import { customElement, state } from 'lit/decorators.js';
import type { ActionItem, AgendaNowView, Minutes, MinutesEntry } from '../../appliance/api/api-types.js';
import { entryAuthorWords, entryWords } from './conversation-words.js';
import { i18n, t } from './i18n.js';
import { meetingRefusalWords } from './meeting-refusal-words.js';
import { MeetingElement } from './meeting-element.js';
import { fetchMinutes } from './minutes-read.js';
import { navigate, panelRequest, requestedMinutesTab } from './panel-events.js';
import { plainListStyles } from './panel-styles.js';
import './agenda-editor.js';
import './date-field.js';

type Tab = 'notes' | 'decisions' | 'actions' | 'agenda';

/** How often the minutes are read again while they can change: others add to them (the panel, other phones). */
const FOLLOW_MS = 3000;

/**
 * The meeting's notes, decisions and action items (owner and deadline), as they stand, with
 * a form to add each, and each one correctable or deletable until the minutes are sent; and
 * the agenda, editable while the meeting runs (an ad-hoc meeting gets one here). Shared by the
 * table panel and the phone page (same element, the phone sends the meeting code instead of
 * the panel's credential).
 */
@customElement('minutes-screen')
export class MinutesScreen extends MeetingElement {
  static override styles = [
    plainListStyles,
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
      .tabs.four {
        grid-template-columns: repeat(4, 1fr);
      }
      @media (max-width: 560px) {
        .tabs.four {
          grid-template-columns: 1fr 1fr;
        }
      }
      li {
        display: grid;
        grid-template-columns: minmax(0, 1fr) auto;
        gap: 0.3em 0.5em;
        align-items: center;
      }
      li .text {
        overflow-wrap: anywhere;
      }
      .edit-row {
        display: flex;
        gap: 0.3em;
      }
      .edit-row button {
        min-width: 56px;
        padding: 0.2em 0.5em;
        font-size: 0.85em;
      }
      li form {
        grid-column: 1 / -1;
      }
      .locked {
        font-size: 0.9em;
      }
    `,
  ];

  @state() tab: Tab = requestedMinutesTab.tab === 'agenda' ? 'agenda' : 'notes';
  @state() minutes: Minutes | null = null;
  /** When the minutes went out: from then on nothing in them changes. */
  @state() sentAt: string | null = null;
  /** Assembled at the end: the meeting is over (the agenda no longer changes). */
  @state() final = false;
  /** The id of the note, decision or action item being corrected. */
  @state() editing: string | null = null;
  @state() deleting: string | null = null;
  @state() error: string | null = null;

  /** The agenda's items as last known: from the last read of the minutes, or at once from a save here. */
  @state() agendaItems = 0;

  private follow: number | undefined;
  /**
   * Reads can overtake each other (a slow phone network, the 3-second read on its way when the
   * agenda is saved): each gets a number, and what is shown is never replaced by the answer of
   * a read begun before it — a save here counts as the newest.
   */
  private began = 0;
  private shown = 0;

  constructor() {
    super();
    requestedMinutesTab.tab = null;
  }

  override connectedCallback(): void {
    super.connectedCallback();
    // The tabs' counts and lists follow what others add, until the minutes are sent (then nothing changes).
    this.follow = window.setInterval(() => {
      if (this.minutes && !this.sentAt && document.visibilityState === 'visible') void this.load();
    }, FOLLOW_MS);
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    window.clearInterval(this.follow);
  }

  protected async load(): Promise<void> {
    if (!this.api || !this.meetingId) return;
    const ticket = ++this.began;
    try {
      const read = await fetchMinutes(this.api, this.meetingId);
      if (ticket < this.shown) return;
      // The open agenda editor follows in the same beat as the tabs' counts, so they never disagree for long.
      await this.renderRoot.querySelector('agenda-editor')?.follow();
      if (ticket < this.shown) return;
      this.shown = ticket;
      this.minutes = read.minutes;
      this.agendaItems = read.minutes.agenda.length;
      this.sentAt = read.sentAt ?? null;
      this.final = read.final;
      if (this.final && this.tab === 'agenda') this.tab = 'notes';
      this.error = null;
    } catch (err) {
      if (ticket >= this.shown) this.error = meetingRefusalWords(err);
    }
  }

  /** The agenda was saved here: its tab counts the saved items now, and the rest of the minutes are read again. */
  private agendaSaved(saved: AgendaNowView): void {
    this.shown = ++this.began;
    this.agendaItems = saved.items.length;
    void this.load();
  }

  override render() {
    const m = this.minutes;
    const tab = (id: Tab, label: string, count?: number) =>
      html`<button type="button" role="tab" aria-selected=${String(this.tab === id)} aria-pressed=${String(this.tab === id)} data-testid=${`tab-${id}`} @click=${() => (this.tab = id)}>${label}${count === undefined ? '' : ` (${count})`}</button>`;
    return html`
      <div class="tabs ${this.final ? '' : 'four'}" role="tablist" aria-label=${t('Minutes')}>
        ${tab('notes', t('Notes'), m?.notes.length ?? 0)} ${tab('decisions', t('Decisions'), m?.decisions.length ?? 0)} ${tab('actions', t('Action items'), m?.actionItems.length ?? 0)}
        ${this.final ? nothing : tab('agenda', t('Agenda'), this.agendaItems)}
      </div>
      ${this.error ? html`<p class="card" role="status">${this.error}</p>` : nothing}
      ${this.sentAt ? html`<p class="card locked" role="status" data-testid="minutes-locked">${t('The minutes were sent at {time}; they can no longer be changed.', { time: i18n.time(this.sentAt) })}</p>` : nothing}
      ${this.final && !this.sentAt && this.hasAttribute('panel') ? html`<button type="button" data-testid="back-to-summary" @click=${() => navigate(this, 'end')}>${t('Back to the summary')}</button>` : nothing}
      ${
        this.tab === 'agenda'
          ? html`<agenda-editor meeting-id=${this.meetingId} .api=${this.api} @agenda-saved=${(e: CustomEvent<AgendaNowView>) => this.agendaSaved(e.detail)}></agenda-editor>`
          : html`<div class="body">${this.tab === 'actions' ? this.actions(m) : this.entries(m, this.tab)}</div>`
      }
    `;
  }

  /** Correct and delete buttons while the minutes are open; a second touch confirms a deletion. */
  private editButtons(id: string, what: string) {
    if (this.sentAt) return nothing;
    return html`<span class="edit-row">
      <button type="button" data-testid="edit-entry" aria-label=${t('Correct: {what}', { what })} @click=${() => ((this.editing = id), (this.deleting = null))}>${t('Edit')}</button>
      ${
        this.deleting === id
          ? html`<button type="button" class="danger" data-testid="delete-confirm" @click=${() => this.removeEntry(id)}>${t('Delete?')}</button>`
          : html`<button type="button" data-testid="delete-entry" aria-label=${t('Delete: {what}', { what })} @click=${() => (this.deleting = id)}>${t('Delete')}</button>`
      }
    </span>`;
  }

  private entries(m: Minutes | null, kind: 'notes' | 'decisions') {
    const list = m ? m[kind] : [];
    return html`
      <ul data-testid=${`list-${kind}`}>
        ${list.length === 0 ? html`<li class="muted">${kind === 'notes' ? t('No notes yet.') : t('No decisions yet.')}</li>` : nothing}
        ${list.map((e) =>
          this.editing === e.id
            ? html`<li>${this.entryForm(e, kind)}</li>`
            : html`<li><span class="text">${entryWords(e)}<div class="meta">${i18n.time(e.at)}${e.author ? ` · ${entryAuthorWords(e.author)}` : ''}</div></span>${this.editButtons(e.id, entryWords(e))}</li>`,
        )}
      </ul>
      ${
        this.sentAt
          ? nothing
          : html`<form @submit=${(e: Event) => this.addEntry(e, kind)}>
            <label>${kind === 'notes' ? t('New note') : t('New decision')}<textarea name="text" required maxlength="5000" data-testid=${`new-${kind}`}></textarea></label>
            <button type="submit" class="primary" data-testid=${`add-${kind}`}>${kind === 'notes' ? t('Add note') : t('Add decision')}</button>
          </form>`
      }
    `;
  }

  private entryForm(e: MinutesEntry, kind: 'notes' | 'decisions') {
    return html`<form @submit=${(ev: Event) => this.saveEntry(ev, e, kind)}>
      <label>${t('Correct: {what}', { what: kind === 'notes' ? t('Note') : t('Decision') })}<textarea name="text" required maxlength="5000" data-testid="edit-text" .value=${entryWords(e)}></textarea></label>
      <div class="row"><button type="submit" class="primary" data-testid="edit-save">${t('Save')}</button><button type="button" @click=${() => (this.editing = null)}>${t('Cancel')}</button></div>
    </form>`;
  }

  private actions(m: Minutes | null) {
    const list = m?.actionItems ?? [];
    return html`
      <ul data-testid="list-actions">
        ${list.length === 0 ? html`<li class="muted">${t('No action items yet.')}</li>` : nothing}
        ${list.map((a) =>
          this.editing === a.id
            ? html`<li>${this.actionForm(a)}</li>`
            : html`<li><span class="text">${a.text}<div class="meta">${t('Owner')}: ${a.owner}${a.deadline ? ` · ${t('Due')} ${i18n.shortDate(a.deadline)}` : ''} · ${t(a.status)}</div></span>${this.editButtons(a.id, a.text)}</li>`,
        )}
      </ul>
      ${this.sentAt ? nothing : this.actionForm(null)}
    `;
  }

  /** The form to add an action item, or to correct `item`. */
  private actionForm(item: ActionItem | null) {
    const day = item?.deadline ? item.deadline.slice(0, 10) : '';
    return html`<form @submit=${(e: Event) => this.submitAction(e, item)}>
      <label>${t('What')}<input name="text" required maxlength="2000" data-testid=${item ? 'edit-action-text' : 'action-text'} .value=${item?.text ?? ''} /></label>
      <div class="two">
        <label>${t('Owner')}<input name="owner" required maxlength="120" data-testid=${item ? 'edit-action-owner' : 'action-owner'} .value=${item?.owner ?? ''} /></label>
        <label>${t('Deadline')}<date-field name="deadline" data-testid=${item ? 'edit-action-deadline' : 'action-deadline'} .value=${day}></date-field></label>
      </div>
      <div class="row">
        <button type="submit" class="primary" data-testid=${item ? 'edit-save' : 'action-add'}>${item ? t('Save') : t('Add action item')}</button>
        ${item ? html`<button type="button" @click=${() => (this.editing = null)}>${t('Cancel')}</button>` : nothing}
      </div>
    </form>`;
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
      done: () => void this.load(),
    });
    form.reset();
  }

  private submitAction(event: Event, item: ActionItem | null): void {
    event.preventDefault();
    const form = event.target as HTMLFormElement;
    const data = new FormData(form);
    const text = String(data.get('text') ?? '').trim();
    const owner = String(data.get('owner') ?? '').trim();
    const day = String(form.querySelector<HTMLElement & { value: string }>('date-field')?.value ?? '');
    if (!text || !owner) return;
    // A deadline is a day; noon UTC keeps it on that date in nearly every time zone.
    const deadline = day ? new Date(`${day}T12:00:00Z`).toISOString() : undefined;
    if (item) {
      const body = { text, owner, deadline: deadline ?? null };
      panelRequest(this, {
        label: t('Action item'),
        method: 'PATCH',
        path: `/api/v1/action-items/${encodeURIComponent(item.id)}`,
        body,
        done: () => this.changed(),
      });
      return;
    }
    const body = { text, owner, ...(deadline ? { deadline } : {}) };
    panelRequest(this, {
      label: t('Action item'),
      method: 'POST',
      path: `/api/v1/meetings/${encodeURIComponent(this.meetingId)}/action-items`,
      body,
      queueable: true,
      done: () => void this.load(),
    });
    form.reset();
    const date = form.querySelector<HTMLElement & { value: string }>('date-field');
    if (date) date.value = '';
  }

  private saveEntry(event: Event, entry: MinutesEntry, kind: 'notes' | 'decisions'): void {
    event.preventDefault();
    const text = String(new FormData(event.target as HTMLFormElement).get('text') ?? '').trim();
    if (!text) return;
    // A poll's decision is shown (and put in the form) in the page's language: saved as it was
    // shown, unchanged, it is no correction (the stored words stay the count's).
    if (text === entryWords(entry)) {
      this.editing = null;
      return;
    }
    panelRequest(this, {
      label: kind === 'notes' ? t('Note') : t('Decision'),
      method: 'PATCH',
      path: `/api/v1/meetings/${encodeURIComponent(this.meetingId)}/${kind}/${encodeURIComponent(entry.id)}`,
      body: { text },
      done: () => this.changed(),
    });
  }

  private removeEntry(id: string): void {
    const m = this.minutes;
    const kind = m?.notes.some((e) => e.id === id) ? 'notes' : m?.decisions.some((e) => e.id === id) ? 'decisions' : 'action-items';
    const path =
      kind === 'action-items'
        ? `/api/v1/action-items/${encodeURIComponent(id)}`
        : `/api/v1/meetings/${encodeURIComponent(this.meetingId)}/${kind}/${encodeURIComponent(id)}`;
    panelRequest(this, { label: t('Delete'), method: 'DELETE', path, done: () => this.changed() });
  }

  private changed(): void {
    this.editing = null;
    this.deleting = null;
    void this.load();
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'minutes-screen': MinutesScreen;
  }
}
