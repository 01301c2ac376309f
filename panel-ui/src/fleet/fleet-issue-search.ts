import { LitElement, css, html, nothing } from 'lit';
import { customElement, property, state } from 'lit/decorators.js';
import type { FleetIssue, FleetIssueLogEntry } from '../../../fleet/fleet-api-types.js';
import { ISSUES_CSV_MAX_ROWS, MORE_ROWS_HEADER } from '../../../fleet/export-bounds.js';
import { queryString, type FleetApi, type IssueQuery } from './fleet-api.js';
import { SEARCH_SHOWN, searchResults } from './fleet-search-results.js';
import { FleetWordsController, ft } from './fleet-words.js';
import { issueButtonStyles } from './fleet-list-styles.js';
import './fleet-issue-list.js';

/** Every issue, resolved ones too, found by words, room and state; the results export as CSV. */
@customElement('fleet-issue-search')
export class FleetIssueSearch extends LitElement {
  static override styles = [
    issueButtonStyles,
    css`
    :host { display: block; }
    form { display: flex; flex-wrap: wrap; gap: 0.4em; margin-bottom: 0.5em; }
    input, select { font: inherit; font-size: 0.9em; padding: 0.3em 0.5em; border-radius: 6px; background: #18212b; color: inherit; border: 1px solid #2c3a49; }
    /* A line of its own: beside the two lists it was squeezed to 10em, cutting its hint ("Search issues, not"). */
    input[name='q'] { flex: 1 1 100%; }
    .error { color: #ff6b6b; }
    .muted { color: #a9b4c0; font-size: 0.9em; }
  `,
  ];

  @property({ attribute: false }) api!: FleetApi;
  @property({ attribute: false }) roomNames = new Map<string, string>();
  @property({ attribute: false }) logs = new Map<string, FleetIssueLogEntry[]>();
  @property({ attribute: false }) busy = new Set<string>();
  @property({}) me = '';
  @property({ attribute: false }) operators: string[] = [];
  @state() results: FleetIssue[] | undefined;
  /** The search found more than the list shows. */
  @state() more = false;
  @state() error = '';
  /** The last export left older issues out: it holds the newest this many. */
  @state() exportCut: number | null = null;
  private query: IssueQuery = {};
  private readonly words = new FleetWordsController(this);

  /** Runs the last search again (an issue in the results changed). */
  async refresh(): Promise<void> {
    if (this.results) await this.search();
  }

  private async search(): Promise<void> {
    try {
      ({ shown: this.results, more: this.more } = searchResults(await this.api.issues(this.query, SEARCH_SHOWN + 1)));
      this.error = '';
    } catch (err) {
      this.error = (err as Error).message;
    }
  }

  /** Everything the search finds, up to the most one export carries (the export's own default, 1,000, would cut it short without a word). */
  private async exportCsv(): Promise<void> {
    try {
      const headers = await this.api.download(`/api/fleet/export/issues.csv?${queryString(this.query)}&limit=${ISSUES_CSV_MAX_ROWS}`, 'fleet-issues.csv');
      this.exportCut = headers.get(MORE_ROWS_HEADER) === 'true' ? ISSUES_CSV_MAX_ROWS : null;
      this.error = '';
    } catch (err) {
      this.error = (err as Error).message;
    }
  }

  /** "Only mine": the same search again, of the operator's own issues (the fleet finds them, not the list it had). */
  private onlyMine(mine: boolean): void {
    this.query = { ...this.query, mine };
    void this.search();
  }

  private submit(e: Event): void {
    e.preventDefault();
    const form = new FormData(e.target as HTMLFormElement);
    this.query = { q: String(form.get('q') ?? '').trim(), state: String(form.get('state') ?? ''), room: String(form.get('room') ?? ''), mine: this.query.mine };
    void this.search();
  }

  override render() {
    const rooms = [...this.roomNames].sort((a, b) => a[1].localeCompare(b[1]));
    return html`<form role="search" @submit=${(e: Event) => this.submit(e)}>
        <input name="q" type="search" placeholder=${ft('Search issues, notes, people…')} aria-label=${ft('Search issues')} />
        <select name="state" aria-label=${ft('State')}>
          <option value="">${ft('Any state')}</option>
          ${['open', 'acknowledged', 'resolved'].map((s) => html`<option value=${s}>${ft(s)}</option>`)}
        </select>
        <select name="room" aria-label=${ft('Room')}>
          <option value="">${ft('All rooms')}</option>
          ${rooms.map(([key, name]) => html`<option value=${key}>${name}</option>`)}
        </select>
        <button type="submit" name="search">${ft('Search')}</button>
        <button type="button" name="export" @click=${() => void this.exportCsv()}>${ft('Export CSV')}</button>
      </form>
      ${this.error ? html`<p class="error">${this.error}</p>` : nothing}
      ${this.exportCut ? html`<p class="muted" data-export-cut>${ft('The export holds the newest {rows} issues found; there are more: narrow the search.', { rows: this.exportCut.toLocaleString() })}</p>` : nothing}
      ${this.results ? html`<fleet-issue-list data-results .issues=${this.results} .onlyMine=${this.query.mine === true} @only-mine=${(e: CustomEvent<boolean>) => this.onlyMine(e.detail)} .roomNames=${this.roomNames} .logs=${this.logs} .busy=${this.busy} .me=${this.me} .operators=${this.operators} heading=${this.more ? ft('The newest {n} found; there are more: narrow the search', { n: this.results.length }) : ft('Found {n}', { n: this.results.length })}></fleet-issue-list>` : nothing}`;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'fleet-issue-search': FleetIssueSearch;
  }
}
