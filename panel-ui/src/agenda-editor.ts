import { css, html, nothing } from 'lit';
import { customElement, state } from 'lit/decorators.js';
import type { AgendaNowView } from '../../appliance/api/api-types.js';
import { t } from './i18n.js';
import { MeetingElement } from './meeting-element.js';
import { panelRequest } from './panel-events.js';
import { parseSpeakers } from './agenda-speakers.js';
import type { ApiError } from './api-client.js';
import './agenda-conflict.js';

const blankRow = (): Row => ({ title: '', minutes: 10, owner: '', speakers: '' });

/** The editor's rows for an agenda as the room has it (one blank row for an empty one). */
function rowsOf(items: AgendaNowView['items']): Row[] {
  const rows: Row[] = items.map((i) => ({
    id: i.id,
    title: i.title,
    minutes: i.minutes,
    owner: i.owner ?? '',
    speakers: i.speakers.map((s) => `${s.name} ${s.minutes}`).join(', '),
  }));
  return rows.length > 0 ? rows : [blankRow()];
}

interface Row {
  /** The item's id as read (none for a new row): sent back, so its times and speakers stay with it however it is renamed or moved. */
  id?: string;
  title: string;
  minutes: number;
  owner: string;
  /** Named speakers in order, as typed: "Lin 5, Omar 3" (name, then minutes). */
  speakers: string;
}

/**
 * The agenda, editable: an ad-hoc meeting gets one here, a booked one is corrected (items,
 * minutes, who leads each). Saving replaces the agenda (PUT …/agenda) only if no one else
 * changed it since it was read (`ifRevision`): when someone did, what the person typed stays,
 * their version is shown, and the person keeps theirs or takes the other (`agenda-conflict`).
 * Shared by the table panel and the phone page, like the minutes.
 */
@customElement('agenda-editor')
export class AgendaEditor extends MeetingElement {
  static override styles = css`
    :host {
      display: grid;
      gap: 0.5em;
      align-content: start;
    }
    ol {
      list-style: none;
      margin: 0;
      padding: 0;
      display: grid;
      gap: 0.4em;
    }
    li {
      display: grid;
      grid-template-columns: minmax(0, 1fr) 4.6em minmax(0, 0.6fr) auto;
      gap: 0.4em;
      align-items: center;
    }
    li .speakers {
      grid-column: 1 / -1;
    }
    @media (max-width: 700px) {
      li {
        grid-template-columns: minmax(0, 1fr) 4.6em auto;
      }
      li .owner {
        grid-column: 1 / 3;
      }
    }
    .row button {
      flex: 1;
    }
    /* A long agenda (speakers take a line per item) scrolls under its buttons, never past them:
       stuck to the screen's very bottom, over the screen's padding too (a row showed through
       there, its remove button in reach). */
    .row {
      position: sticky;
      bottom: calc(-1 * var(--screen-pad-end, 0px));
      z-index: 1;
      padding-block: 0.4em;
      background: var(--bg);
    }
    /* Why Save is greyed out: a line of its own above the buttons, where the person looks for
       Save (below them it lay under the screen's edge until one scrolled). */
    .row .why-not-saved {
      flex-basis: 100%;
      margin: 0;
    }
  `;

  @state() rows: Row[] = [];
  @state() dirty = false;
  /** The agenda as it stands has arrived: before that, an added row would be lost under it. */
  @state() loaded = false;
  /** The revision of the agenda the rows started from (0: none read, as for a meeting without one). */
  private revision = 0;
  /** Items a save may hold: 50, or as many as a merge of linked rooms' edits left (the room says). */
  @state() maxItems = 50;
  /**
   * Someone else saved while this person edited: the revision there is now and, once read, the
   * agenda as it stands (null while on its way). Open until the person keeps theirs or takes it.
   */
  @state() conflict: { revision: number; theirs: AgendaNowView['items'] | null } | null = null;

  protected async load(): Promise<void> {
    if (!this.api) return;
    try {
      this.dirty = false;
      this.conflict = null;
      this.revision = 0;
      await this.read();
    } catch {
      // Offline: an empty form; saving says why it cannot.
      if (this.rows.length === 0) this.rows = [blankRow()];
      this.loaded = true;
    }
  }

  /**
   * Takes up an agenda changed elsewhere (another panel, the phone page, the API) while the
   * editor is open. Unsaved edits are the person's: while there are some, nothing is replaced.
   */
  async follow(): Promise<void> {
    if (!this.loaded || this.dirty || !this.api) return;
    await this.read().catch(() => undefined);
  }

  private async read(): Promise<void> {
    const agenda = await this.api!.get<AgendaNowView>(`/api/v1/meetings/${encodeURIComponent(this.meetingId)}/agenda`);
    // Typing started while the agenda was on its way: the typing wins.
    if (this.dirty) return;
    const rows = rowsOf(agenda.items);
    if (JSON.stringify(rows) !== JSON.stringify(this.rows)) this.rows = rows;
    this.revision = agenda.revision;
    this.maxItems = agenda.maxItems;
    this.loaded = true;
  }

  override render() {
    if (!this.loaded) return html`<p class="muted" role="status">${t('Loading…')}</p>`;
    return html`
      ${this.conflict ? html`<agenda-conflict .theirs=${this.conflict.theirs}></agenda-conflict>` : nothing}
      <ol data-testid="agenda-editor">
        ${this.rows.map(
          (r, i) => html`<li>
            <input aria-label=${t('Agenda item {n}', { n: i + 1 })} placeholder=${t('What is discussed')} maxlength="200" .value=${r.title} data-testid=${`agenda-title-${i + 1}`} @input=${(e: Event) => this.change(i, { title: (e.target as HTMLInputElement).value })} />
            <input aria-label=${t('Minutes for item {n}', { n: i + 1 })} type="number" inputmode="numeric" min="1" max="480" .value=${String(r.minutes)} data-testid=${`agenda-minutes-${i + 1}`} @input=${(e: Event) => this.change(i, { minutes: Number((e.target as HTMLInputElement).value) })} />
            <input class="owner" aria-label=${t('Who leads item {n}', { n: i + 1 })} placeholder=${t('Who leads it')} maxlength="120" .value=${r.owner} @input=${(e: Event) => this.change(i, { owner: (e.target as HTMLInputElement).value })} />
            <button type="button" aria-label=${t('Remove item {n}', { n: i + 1 })} @click=${() => this.removeRow(i)}>✕</button>
            <input class="speakers" aria-label=${t('Speakers for item {n}, in order', { n: i + 1 })} placeholder=${t('Speakers in order, e.g. Lin 5, Omar 3')} maxlength="600" .value=${r.speakers} data-testid=${`agenda-speakers-${i + 1}`} @input=${(e: Event) => this.change(i, { speakers: (e.target as HTMLInputElement).value })} />
          </li>`,
        )}
      </ol>
      <div class="row">
        ${
          this.dirty && !this.valid
            ? html`<p class="muted why-not-saved" role="status" data-testid="agenda-why-not-saved">${t('Each item needs a title and 1 to 480 minutes; each speaker a name and 1 to 120 minutes.')}</p>`
            : nothing
        }
        <button type="button" data-testid="agenda-add-item" ?disabled=${this.rows.length >= this.maxItems} @click=${() => this.add()}>
          ${this.rows.length >= this.maxItems ? t('At most {n} items', { n: this.maxItems }) : t('Add an item')}
        </button>
        ${
          this.conflict
            ? html`<button type="button" class="primary" data-testid="agenda-keep-mine" ?disabled=${!this.valid} @click=${() => this.save()}>${t('Keep mine')}</button>
                <button type="button" data-testid="agenda-take-theirs" @click=${() => void this.takeTheirs()}>${t('Take theirs')}</button>`
            : html`<button type="button" class="primary" data-testid="agenda-save" ?disabled=${!this.dirty || !this.valid} @click=${() => this.save()}>${t('Save the agenda')}</button>`
        }
      </div>
    `;
  }

  private get valid(): boolean {
    return this.rows.every(
      (r) =>
        (r.title.trim() === '' && this.rows.length === 1) ||
        (r.title.trim() !== '' && Number.isInteger(r.minutes) && r.minutes >= 1 && r.minutes <= 480 && parseSpeakers(r.speakers) !== undefined),
    );
  }

  private change(index: number, patch: Partial<Row>): void {
    this.rows = this.rows.map((r, i) => (i === index ? { ...r, ...patch } : r));
    this.dirty = true;
  }

  /** A blank row at the end, brought into sight above the buttons and what they say (they lie over the list's bottom), its title ready to type. */
  private add(): void {
    this.rows = [...this.rows, blankRow()];
    this.dirty = true;
    void this.updateComplete.then(() => {
      const row = this.renderRoot.querySelector<HTMLElement>('ol > li:last-child');
      const buttons = this.renderRoot.querySelector<HTMLElement>('.row');
      if (!row) return;
      row.style.scrollMarginBottom = `${buttons?.offsetHeight ?? 0}px`;
      row.scrollIntoView({ block: 'nearest' });
      row.querySelector('input')?.focus({ preventScroll: true });
    });
  }

  private removeRow(index: number): void {
    this.rows = this.rows.filter((_, i) => i !== index);
    this.dirty = true;
  }

  /** Drops this person's changes for the agenda as it stands now. */
  private async takeTheirs(): Promise<void> {
    const conflict = this.conflict;
    this.dirty = false;
    this.conflict = null;
    try {
      await this.read();
    } catch {
      // Not read (offline): nothing is dropped yet, the choice stays open.
      this.dirty = true;
      this.conflict = conflict;
    }
  }

  /** Someone else saved since the rows' revision: keep the rows, show theirs beside them. */
  private refused(error: ApiError): boolean {
    if (error.code !== 'ROOMCTL_E_AGENDA_CHANGED') return false;
    const revision = (error.details as { revision?: number } | undefined)?.revision ?? this.revision;
    this.conflict = { revision, theirs: null };
    void this.api
      ?.get<AgendaNowView>(`/api/v1/meetings/${encodeURIComponent(this.meetingId)}/agenda`)
      .then((agenda) => {
        if (this.conflict) this.conflict = { revision: agenda.revision, theirs: agenda.items };
      })
      .catch(() => undefined);
    return true;
  }

  /** Saves the rows: over the agenda they started from, or, once the person chose to keep theirs, over the one shown to them. */
  private save(): void {
    const items = this.rows
      .filter((r) => r.title.trim())
      .map((r) => {
        const speakers = parseSpeakers(r.speakers) ?? [];
        return {
          ...(r.id ? { id: r.id } : {}),
          title: r.title.trim(),
          minutes: r.minutes,
          ...(r.owner.trim() ? { owner: r.owner.trim() } : {}),
          ...(speakers.length ? { speakers } : {}),
        };
      });
    panelRequest(this, {
      label: t('Agenda'),
      success: t('Agenda saved'),
      method: 'PUT',
      path: `/api/v1/meetings/${encodeURIComponent(this.meetingId)}/agenda`,
      body: { items, ifRevision: this.conflict?.revision ?? this.revision },
      answersRefusal: (error) => this.refused(error),
      done: (result) => {
        const saved = result as AgendaNowView;
        // The rows become the agenda as saved: a new item has its id from now on, for the next save.
        this.rows = rowsOf(saved.items);
        this.revision = saved.revision;
        this.maxItems = saved.maxItems;
        this.conflict = null;
        this.dirty = false;
        // The room's answer is the agenda as it now stands: the screen around counts it from here, at once.
        this.dispatchEvent(new CustomEvent<AgendaNowView>('agenda-saved', { detail: saved, bubbles: true, composed: true }));
      },
    });
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'agenda-editor': AgendaEditor;
  }
}
