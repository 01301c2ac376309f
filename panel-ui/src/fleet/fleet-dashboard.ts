import { LitElement, css, html, nothing } from 'lit';
import { customElement, property, state } from 'lit/decorators.js';
import type { FleetIssue, FleetIssueAnswer, FleetIssueLogEntry, FleetRoomSummary } from '../../../fleet/fleet-api-types.js';
import { newestIssueFirst, OPEN_ISSUES_PAGE, openIssuesCursor } from '../../../fleet/open-issues-page.js';
import { FleetApi, type FleetActorView } from './fleet-api.js';
import type { FleetFilter } from './fleet-filter-bar.js';
import type { IssueActionDetail } from './fleet-issue-list.js';
import type { FleetIssueSearch } from './fleet-issue-search.js';
import { ownIssuesPaged, ownIssuesShown, type OwnIssuesPages } from './fleet-own-issues.js';
import type { RoomSelectDetail } from './fleet-room-tile.js';
import { saveFleetToken } from './fleet-session.js';
import type { SignedIn } from './fleet-sign-in.js';
import { FleetStreamController, fleetStreamUrl } from './fleet-stream-controller.js';
import { downWord, FleetWordsController, fleetLocale, ft, nameIn, setFleetLocale, type FleetLocale } from './fleet-words.js';
import './fleet-alert-list.js';
import './fleet-filter-bar.js';
import './fleet-issue-list.js';
import './fleet-issue-search.js';
import './fleet-room-detail.js';
import './fleet-room-tile.js';
import './fleet-sign-in.js';
import './fleet-trends.js';

const SEVERITY: Record<string, number> = { offline: 0, 'auth-failed': 1, degraded: 2, unknown: 3, ok: 4 };
/** Tiles drawn at most; a bigger fleet is narrowed with the filters or a room's name (worst rooms come first). */
const MAX_TILES = 1500;

/** The fleet dashboard: every room as a tile, the alerts, the issues and their people, the chosen room's history. */
@customElement('fleet-dashboard')
export class FleetDashboard extends LitElement {
  static override styles = css`
    :host { display: block; padding: 1em; }
    header { display: flex; flex-wrap: wrap; gap: 1em; align-items: baseline; justify-content: space-between; margin-bottom: 0.8em; }
    h1 { margin: 0; font-size: 1.4em; }
    .live { font-size: 0.85em; }
    .live.off { color: #ff6b6b; }
    .totals { font-size: 0.9em; color: #a9b4c0; }
    .who { font-size: 0.9em; display: flex; gap: 0.6em; align-items: center; }
    select, button { font: inherit; font-size: 0.85em; padding: 0.2em 0.5em; border-radius: 6px; background: #18212b; color: inherit; border: 1px solid #2c3a49; cursor: pointer; }
    main { display: grid; grid-template-columns: minmax(0, 2fr) minmax(22em, 1fr); gap: 1em; margin-top: 0.8em; }
    @media (max-width: 900px) { main { grid-template-columns: 1fr; } }
    .tiles { display: grid; grid-template-columns: repeat(auto-fill, minmax(11em, 1fr)); gap: 0.5em; align-content: start; }
    .left { display: flex; flex-direction: column; gap: 1.2em; }
    aside { display: flex; flex-direction: column; gap: 1.2em; }
    .more, .message, .notice { color: #a9b4c0; font-size: 0.9em; }
    .notice { color: #ffd43b; }
  `;

  @property({ attribute: false }) api!: FleetApi;
  @state() actor: FleetActorView | undefined;
  @state() filter: FleetFilter = { site: '', status: '', room: '' };
  @state() selected: string | undefined;
  @state() busy = new Set<string>();
  @state() message = '';
  /** The last action's answer when it says more than the issue itself: a device still down when its issue was resolved. */
  @state() stillDown: FleetIssueAnswer | null = null;
  @state() logs = new Map<string, FleetIssueLogEntry[]>();
  /** The operators an issue can be given to. */
  @state() operators: string[] = [];
  /** Open issues the column shows: a page, and a page more at each "Show more". */
  @state() openShown = OPEN_ISSUES_PAGE;
  @state() loadingMoreIssues = false;
  /** "Only mine": the fleet's pages of the operator's own open issues (null: everyone's). */
  @state() own: OwnIssuesPages | null = null;
  /** "Only mine" is pressed: a page of the operator's own that comes after it was let go is not shown. */
  private ownWanted = false;
  private readonly stream = new FleetStreamController(this, () => fleetStreamUrl(this.api?.token ?? null));
  private readonly words = new FleetWordsController(this);
  /** Bumped whenever an issue comes or changes on the stream (the trends follow it). */
  private issuesRevision = 0;
  private issuesSeen: unknown;

  override connectedCallback(): void {
    super.connectedCallback();
    void this.signInWithStoredToken();
  }

  private async signInWithStoredToken(): Promise<void> {
    await this.updateComplete;
    if (!this.api?.token) return;
    try {
      this.signedIn({ api: this.api, actor: await this.api.me() });
    } catch {
      saveFleetToken(null);
      this.api = new FleetApi(null);
    }
  }

  private signedIn(detail: SignedIn): void {
    saveFleetToken(detail.api.token);
    this.api = detail.api;
    this.actor = detail.actor;
    this.stream.start();
    this.loadOperators();
  }

  /** Whom an issue can be given to; asked again when an operator opens "Assign to…" (a colleague may have been added). */
  private loadOperators(): void {
    this.api
      .operatorNames()
      .then((names) => {
        if (names.join('\n') !== this.operators.join('\n')) this.operators = names;
      })
      .catch((err: unknown) => (this.message = (err as Error).message));
  }

  private signOut(): void {
    saveFleetToken(null);
    location.reload();
  }

  private visibleRooms(): FleetRoomSummary[] {
    const { site, status } = this.filter;
    const typed = this.filter.room.trim().toLocaleLowerCase();
    const named = (r: FleetRoomSummary) => !typed || [r.name ?? '', r.room, `${r.site}/${r.room}`].some((n) => n.toLocaleLowerCase().includes(typed));
    return [...this.stream.rooms.values()]
      .filter((r) => (!site || r.site === site) && (!status || r.worst === status) && named(r))
      .sort((a, b) => SEVERITY[a.worst]! - SEVERITY[b.worst]! || a.site.localeCompare(b.site) || a.room.localeCompare(b.room));
  }

  private async onIssueAction(e: CustomEvent<IssueActionDetail>): Promise<void> {
    const { id, action, text, to } = e.detail;
    this.busy = new Set([...this.busy, id]);
    try {
      if (action === 'note') await this.api.note(id, text ?? '');
      else if (action === 'take' || action === 'assign')
        this.stream.putIssue(await this.api.assign(id, action === 'take' ? (this.actor?.name ?? null) : (to ?? null)));
      else {
        const answer = await this.api.issueAction(id, action);
        this.stream.putIssue(answer);
        this.stillDown = answer.stillDown ? answer : null;
      }
      if (this.logs.has(id) || action === 'note') await this.loadLog(id);
      await this.renderRoot.querySelector<FleetIssueSearch>('fleet-issue-search')?.refresh();
      this.message = '';
    } catch (err) {
      this.message = ft('Could not {action}: {why}', { action: ft(action), why: (err as Error).message });
    } finally {
      const next = new Set(this.busy);
      next.delete(id);
      this.busy = next;
    }
  }

  /**
   * The notice is true only while the room's summary still counts a device down that way: once the
   * room reports the device back, saying it is still down would send staff to a working room.
   */
  private stillDownHolds(answer: FleetIssueAnswer): boolean {
    const room = this.stream.rooms.get(`${answer.site}/${answer.room}`);
    return !room || !answer.stillDown || room.counts[answer.stillDown] > 0;
  }

  /** The room does not repeat an unchanged status: say the device was still down, and when a new issue opens. */
  private stillDownNotice(answer: FleetIssueAnswer): string {
    const room = this.stream.rooms.get(`${answer.site}/${answer.room}`)?.name ?? answer.room;
    const device = nameIn(answer.deviceNames, answer.deviceId ?? '');
    const status = downWord(answer.stillDown ?? '');
    return ft("By the room's last report, {device} in {room} is still {status}: a new issue opens when the room next reports it down.", {
      device,
      room,
      status,
    });
  }

  /**
   * The next page of the open issues, from the fleet (the stream brought the newest only): after
   * the last one shown, into the stream's issues, which follow them live from then on. With `own`,
   * of the operator's own: the fleet filters them, so the page, the total and the cursor are theirs.
   */
  private async showMoreIssues(shown: FleetIssue[], own: boolean): Promise<void> {
    const last = shown.at(-1);
    this.loadingMoreIssues = true;
    try {
      const page = await this.api.openIssues(OPEN_ISSUES_PAGE, last ? openIssuesCursor(last) : undefined, own);
      this.stream.putIssue(...page.issues);
      if (!own) this.openShown = shown.length + OPEN_ISSUES_PAGE;
      else if (this.ownWanted) this.own = ownIssuesPaged(page, shown);
    } catch (err) {
      this.message = (err as Error).message;
    } finally {
      this.loadingMoreIssues = false;
    }
  }

  /** "Only mine" pressed (the first page of the operator's own, from the fleet) or let go. */
  private onlyMine(on: boolean): void {
    this.ownWanted = on;
    if (on) void this.showMoreIssues([], true);
    else this.own = null;
  }

  /** How many issues are open in all: each room's summary counts its own (live with the rooms), at least those the stream holds. */
  private openTotal(rooms: FleetRoomSummary[], open: FleetIssue[]): number {
    return Math.max(
      open.length,
      rooms.reduce((n, r) => n + r.openIssues, 0),
    );
  }

  private async loadLog(id: string): Promise<void> {
    const { issue, log } = await this.api.issue(id);
    this.stream.putIssue(issue);
    this.logs = new Map(this.logs).set(id, log);
  }

  private onIssueOpen(id: string): void {
    if (this.logs.has(id)) {
      const next = new Map(this.logs);
      next.delete(id);
      this.logs = next;
    } else void this.loadLog(id).catch((err: unknown) => (this.message = (err as Error).message));
  }

  /** Live only when both links hold: the dashboard's to the fleet, and the fleet's to the broker the rooms report to. */
  private liveness() {
    if (!this.stream.connected) return html`<span class="live off" data-live="no">${ft('○ reconnecting…')}</span>`;
    if (!this.stream.brokerConnected)
      return html`<span class="live off" data-live="broker-away">${ft('○ the fleet cannot reach the broker: rooms as last heard')}</span>`;
    return html`<span class="live" data-live="yes">${ft('● live')}</span>`;
  }

  private header(all: FleetRoomSummary[]) {
    const count = (s: string) => all.filter((r) => r.worst === s).length;
    return html`<header>
      <h1>${ft('Fleet')}</h1>
      <span class="totals" data-totals>${all.length === 1 ? ft('1 room') : ft('{n} rooms', { n: all.length })} · ${ft('{n} appliance offline', { n: count('offline') })} · ${ft('{n} wrong password', { n: count('auth-failed') })} · ${ft('{n} degraded', { n: count('degraded') })} · ${ft('{n} unknown', { n: count('unknown') })} · ${ft('{n} ok', { n: count('ok') })}</span>
      ${this.liveness()}
      <span class="who">
        <select name="language" aria-label=${ft('Language')} @change=${(e: Event) => setFleetLocale((e.target as HTMLSelectElement).value as FleetLocale)}>
          <option value="en" ?selected=${fleetLocale() === 'en'}>English</option>
          <option value="zh-CN" ?selected=${fleetLocale() === 'zh-CN'}>简体中文</option>
        </select>
        ${this.actor ? html`<span data-operator>${this.actor.name}</span><button name="sign-out" @click=${() => this.signOut()}>${ft('Sign out')}</button>` : nothing}
      </span>
    </header>`;
  }

  override render() {
    const all = [...this.stream.rooms.values()];
    if (!this.actor) return html`${this.header(all)}<fleet-sign-in @signed-in=${(e: CustomEvent<SignedIn>) => this.signedIn(e.detail)}></fleet-sign-in>`;
    const rooms = this.visibleRooms();
    const sites = [...new Set(all.map((r) => r.site))].sort();
    const selected = this.selected ? this.stream.rooms.get(this.selected) : undefined;
    const roomNames = new Map(all.map((r) => [`${r.site}/${r.room}`, r.name ?? r.room]));
    const open = [...this.stream.issues.values()].filter((i) => i.state !== 'resolved').sort(newestIssueFirst);
    const own = this.own ? ownIssuesShown(this.own, open, this.actor.name) : undefined;
    const openPage = own?.shown ?? open.slice(0, this.openShown);
    if (this.issuesSeen !== this.stream.issues) {
      this.issuesSeen = this.stream.issues;
      this.issuesRevision++;
    }
    return html`
      ${this.header(all)}
      <fleet-filter-bar .sites=${sites} .filter=${this.filter} @filter-change=${(e: CustomEvent<FleetFilter>) => (this.filter = e.detail)}></fleet-filter-bar>
      ${this.message ? html`<p class="message" role="alert">${this.message}</p>` : nothing}
      ${this.stillDown && this.stillDownHolds(this.stillDown) ? html`<p class="notice" role="status" data-still-down>${this.stillDownNotice(this.stillDown)}</p>` : nothing}
      <main @issue-action=${(e: CustomEvent<IssueActionDetail>) => void this.onIssueAction(e)} @issue-open=${(e: CustomEvent<string>) => this.onIssueOpen(e.detail)} @operators-wanted=${() => this.loadOperators()}>
        <div class="left">
          <section class="tiles" @room-select=${(e: CustomEvent<RoomSelectDetail>) => (this.selected = `${e.detail.site}/${e.detail.room}`)}>
            ${rooms.slice(0, MAX_TILES).map((r) => html`<fleet-room-tile .room=${r} ?selected=${this.selected === `${r.site}/${r.room}`}></fleet-room-tile>`)}
            ${rooms.length > MAX_TILES ? html`<p class="more">${ft('{n} more rooms: narrow the filter.', { n: rooms.length - MAX_TILES })}</p>` : nothing}
            ${all.length === 0 ? html`<p class="more">${ft('No room has reported yet.')}</p>` : rooms.length === 0 ? html`<p class="more" data-no-match>${ft('No room matches the filters.')}</p>` : nothing}
          </section>
          ${selected ? html`<fleet-room-detail .api=${this.api} .summary=${selected} .streamEvents=${this.stream.events}></fleet-room-detail>` : nothing}
          <fleet-trends .api=${this.api} .roomNames=${roomNames} .issuesRevision=${this.issuesRevision}></fleet-trends>
        </div>
        <aside>
          <fleet-alert-list .alerts=${this.stream.alerts} .roomNames=${roomNames} .issues=${this.stream.issues}></fleet-alert-list>
          <fleet-issue-list data-open .issues=${openPage} .total=${own?.total ?? this.openTotal(all, open)} ?loadingMore=${this.loadingMoreIssues} @issues-more=${() => void this.showMoreIssues(openPage, own !== undefined)} .onlyMine=${own !== undefined} @only-mine=${(e: CustomEvent<boolean>) => this.onlyMine(e.detail)} .busy=${this.busy} .roomNames=${roomNames} .logs=${this.logs} .me=${this.actor.name} .operators=${this.operators}></fleet-issue-list>
          <fleet-issue-search .api=${this.api} .roomNames=${roomNames} .logs=${this.logs} .busy=${this.busy} .me=${this.actor.name} .operators=${this.operators}></fleet-issue-search>
        </aside>
      </main>
    `;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'fleet-dashboard': FleetDashboard;
  }
}
