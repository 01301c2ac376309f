import { LitElement, css, html, nothing } from 'lit';
import { customElement, property } from 'lit/decorators.js';
import type { FleetIssue, FleetIssueLogEntry } from '../../../fleet/fleet-api-types.js';
import { deviceFaultWords } from './fleet-device-fault-words.js';
import { helpMessageWords, REPORT_VIA, selfTestReason, selfTestSays } from './fleet-event-words.js';
import { downWord, FleetWordsController, ft, ftParts, nameIn, when } from './fleet-words.js';
import { fleetListStyles, issueButtonStyles } from './fleet-list-styles.js';
import { OPEN_ISSUES_PAGE } from '../../../fleet/open-issues-page.js';

export interface IssueActionDetail {
  id: string;
  action: 'acknowledge' | 'resolve' | 'take' | 'assign' | 'note';
  text?: string;
  /** assign: the operator it goes to. */
  to?: string;
}

const KIND: Record<FleetIssue['kind'], string> = { help: 'Help call', problem: 'Problem report', device: 'Device fault', call: 'Failed call' };
/** A failed call clears and fails again by the room's next calls, not by a device. */
const CALL_ACTION: Partial<Record<FleetIssueLogEntry['action'], string>> = { cleared: 'the next call went through', reopened: 'a call failed again' };
const STATE: Record<string, string> = { open: 'open', acknowledged: 'acknowledged', resolved: 'resolved' };
const ACTION: Record<FleetIssueLogEntry['action'], string> = {
  opened: 'opened',
  acknowledged: 'acknowledged',
  assigned: 'assigned to',
  resolved: 'resolved',
  note: 'note',
  cleared: 'the device came back',
  reopened: 'the device failed again',
};

/** Summaries the fleet words itself (when the room gave none) in the operator's language; the room's own words as they came. */
const FLEET_SUMMARIES = new Set(['Offline', 'Wrong password', 'The online call failed', 'Help requested', 'Problem reported']);
/**
 * A device issue with a known error code is worded from the code — a failed self-test check's
 * with why it failed, when the room sent that — the device's own (English) words follow as its detail.
 */
function summaryOf(i: FleetIssue): string {
  const fault = i.kind === 'device' ? deviceFaultWords(i.errorCode) : null;
  const reason = fault ? selfTestReason(i.selfTest) : null;
  if (fault) return reason ? ft('{fault} — {reason}', { fault, reason }) : fault;
  return FLEET_SUMMARIES.has(i.summary) ? ft(i.summary) : i.kind === 'help' ? helpMessageWords(i.summary) : i.summary;
}
/** A failed self-test check's issue: its detail is the room's self-test speaking, not the device. */
const fromSelfTest = (i: FleetIssue) => i.errorCode?.startsWith('ROOMCTL_E_SELFTEST_') === true;
/**
 * The detail under the summary, labelled whose words it is: a self-test check worded from its reason
 * shows what the device itself said, or when it said nothing the room's own note (a device restarting
 * from the admin view); a room of an earlier release sent its self-test's English.
 */
function deviceSays(i: FleetIssue): string | null {
  if (i.kind !== 'device' || deviceFaultWords(i.errorCode) === null) return null;
  if (fromSelfTest(i) && i.selfTest) return selfTestSays(i.selfTest);
  if (FLEET_SUMMARIES.has(i.summary)) return null;
  if (i.deviceId === null) return ft('The room says: {detail}', { detail: i.summary });
  return ft(fromSelfTest(i) ? "The room's self-test says: {detail}" : 'The device says: {detail}', { detail: i.summary });
}

/**
 * A story entry: what happened and its text. A device issue's opening says the fault in words
 * from its code; what the device itself said (English, with its address) stays as the detail.
 */
function storyEntry(i: FleetIssue, e: FleetIssueLogEntry) {
  // A device's issue resolved while the room's last report had the device down: its status is the entry's text.
  if (i.kind === 'device' && e.action === 'resolved' && e.text)
    return html`<span data-story-still-down>${ft('resolved; the room last reported the device {status}', { status: downWord(e.text) })}</span>`;
  const action = ft((i.kind === 'call' ? CALL_ACTION[e.action] : undefined) ?? ACTION[e.action]);
  if (i.kind !== 'device' || (e.action !== 'opened' && e.action !== 'reopened')) return e.text ? `${action} ${e.text}` : action;
  const words = e.action === 'opened' ? deviceFaultWords(i.errorCode) : null;
  const devicesOwn = e.text ? html` <span class="muted" data-story-device-says>(${e.text})</span>` : nothing;
  return words ? html`${ft('opened:')} <span data-story-fault-words>${words}</span>${devicesOwn}` : html`${action}${devicesOwn}`;
}

/** Whether the room's panel shows that the help call was seen: the loop closes in the room, not here. */
function roomNote(i: FleetIssue) {
  if (i.roomSeenAt) return html`<div class="meta room seen" data-room="seen">${ft("The room's panel shows it")} (${when(i.roomSeenAt)})</div>`;
  if (i.roomError) return html`<div class="meta room refused" data-room="refused">${ft('The room was not told: {why}', { why: i.roomError })}</div>`;
  if (i.state === 'open') return nothing;
  return html`<div class="meta room" data-room="telling">${ft('Telling the room…')}</div>`;
}

/** Issues with their people and actions: acknowledge, take it, resolve, notes and the story so far. */
@customElement('fleet-issue-list')
export class FleetIssueList extends LitElement {
  static override styles = [
    fleetListStyles,
    issueButtonStyles,
    css`
    ul { list-style: none; margin: 0; padding: 0; display: flex; flex-direction: column; gap: 0.5em; }
    li { padding: 0.6em; border-radius: 8px; background: #18212b; border: 1px solid #2c3a49; }
    li.help { border-left: 4px solid #f5a524; }
    li.problem { border-left: 4px solid #ff6b6b; }
    li.device { border-left: 4px solid #e8590c; }
    li.call { border-left: 4px solid #be4bdb; }
    li[data-state='resolved'] { opacity: 0.8; border-left-color: #40c057; }
    .mine { font-size: 0.75em; font-weight: 700; padding: 0.05em 0.5em; border-radius: 999px; background: #1971c2; margin-left: 0.4em; }
    .heading { display: flex; gap: 0.6em; align-items: baseline; justify-content: space-between; }
    button[aria-pressed='true'] { background: #1971c2; }
    .meta { font-size: 0.8em; color: #a9b4c0; }
    .muted { color: #a9b4c0; }
    .meeting { font-size: 0.85em; color: #ffd43b; }
    .words { font-size: 0.9em; font-style: italic; }
    .actions { display: flex; flex-wrap: wrap; gap: 0.5em; margin-top: 0.4em; }
    button:disabled { opacity: 0.5; cursor: default; }
    .room.seen { color: #8ce99a; }
    .room.refused { color: #ffa8a8; }
    ol.log { margin: 0.4em 0 0; padding-left: 1.2em; font-size: 0.8em; }
    ol.log li { padding: 0.1em 0; background: none; border: none; border-radius: 0; }
    form { display: flex; gap: 0.4em; margin-top: 0.4em; }
    select { font: inherit; font-size: 0.85em; padding: 0.2em 0.4em; border-radius: 6px; background: #243243; color: inherit; border: 1px solid #2c3a49; }
    .more { display: flex; flex-wrap: wrap; gap: 0.6em; align-items: baseline; justify-content: space-between; margin-top: 0.5em; }
    input { flex: 1; font: inherit; font-size: 0.85em; padding: 0.25em 0.5em; border-radius: 6px; background: #0f1419; color: inherit; border: 1px solid #2c3a49; }
  `,
  ];

  @property({ attribute: false }) issues: FleetIssue[] = [];
  /** Issue ids with a request in flight. */
  @property({ attribute: false }) busy = new Set<string>();
  @property({}) heading = '';
  /** site/room → the room's name. */
  @property({ attribute: false }) roomNames = new Map<string, string>();
  /** Issue id → its story, for the issues opened up. */
  @property({ attribute: false }) logs = new Map<string, FleetIssueLogEntry[]>();
  /** The signed-in operator. */
  @property({}) me = '';
  /** Everyone an issue can be given to (their names). */
  @property({ attribute: false }) operators: string[] = [];
  /** The open-issues column: how many are open in all, of which `issues` is the newest (undefined: `issues` is all there is). */
  @property({ attribute: false }) total: number | undefined;
  /** The next page is on its way. */
  @property({ type: Boolean }) loadingMore = false;
  /** The list holds only the issues given to the signed-in operator: its host asked the fleet for them at `only-mine`. */
  @property({ type: Boolean }) onlyMine = false;
  private readonly words = new FleetWordsController(this);

  private act(detail: IssueActionDetail): void {
    this.dispatchEvent(new CustomEvent<IssueActionDetail>('issue-action', { detail, bubbles: true, composed: true }));
  }

  private toggle(id: string): void {
    this.dispatchEvent(new CustomEvent<string>('issue-open', { detail: id, bubbles: true, composed: true }));
  }

  private item(i: FleetIssue) {
    const room = this.roomNames.get(`${i.site}/${i.room}`) ?? i.room;
    // A room check's issue (the storage check) is a device issue that names no device: the room's.
    const roomCheck = i.kind === 'device' && i.deviceId === null;
    const who = i.kind !== 'device' ? ft(KIND[i.kind]) : roomCheck ? ft('The room') : nameIn(i.deviceNames, i.deviceId ?? '');
    const what = ftParts('{what} in {room}: {summary}', { what: html`<strong>${who}</strong>`, room, summary: summaryOf(i) });
    const people = [
      i.acknowledgedBy ? ft('acknowledged by {name}', { name: i.acknowledgedBy }) : '',
      i.assignedTo ? ft('assigned to {name}', { name: i.assignedTo }) : '',
      i.state === 'resolved' ? (i.resolvedBy ? ft('resolved by {name}', { name: i.resolvedBy }) : ft('cleared by itself')) : '',
    ]
      .filter(Boolean)
      .join(' · ');
    const log = this.logs.get(i.id);
    const busy = this.busy.has(i.id);
    const mine = i.assignedTo !== null && i.assignedTo === this.me;
    return html`<li class=${i.kind} data-issue=${i.id} data-state=${i.state} data-kind=${i.kind} data-mine=${mine ? 'yes' : 'no'}>
      <div>${what}${mine ? html`<span class="mine" data-mine-marker>${ft('yours')}</span>` : nothing}</div>
      ${deviceSays(i) ? html`<div class="meta" data-device-says>${deviceSays(i)}</div>` : nothing}
      ${i.meeting ? html`<div class="meeting" data-meeting>${ft('During the meeting "{title}"', { title: i.meeting })}</div>` : nothing}
      ${i.kind === 'problem' && (i.rating !== null || i.comment) ? html`<div class="words" data-words>${i.rating !== null ? html`<span title=${ft('Rating {n} of 5', { n: i.rating })}>${'★'.repeat(i.rating)}${'☆'.repeat(Math.max(0, 5 - i.rating))}</span> ` : nothing}${i.comment ? `“${i.comment}”` : ''}</div>` : nothing}
      ${i.kind === 'problem' && i.reportVia ? html`<div class="meta" data-report-via=${i.reportVia}>${ft(REPORT_VIA[i.reportVia])}</div>` : nothing}
      <div class="meta">${ft(roomCheck ? 'Room fault' : KIND[i.kind])} · ${ft('opened')} ${when(i.openedAt)} · <span data-state-word>${people || ft(STATE[i.state] ?? i.state)}</span>${i.kind === 'device' && i.clearedAt && i.state !== 'resolved' ? html` · ${ft('back since')} ${when(i.clearedAt)}` : nothing}</div>
      ${i.kind === 'help' ? roomNote(i) : nothing}
      <div class="actions">
        ${i.state === 'open' ? html`<button name="acknowledge" ?disabled=${busy} @click=${() => this.act({ id: i.id, action: 'acknowledge' })}>${ft('Acknowledge')}</button>` : nothing}
        ${i.state !== 'resolved' && i.assignedTo !== this.me ? html`<button name="take" ?disabled=${busy} @click=${() => this.act({ id: i.id, action: 'take' })}>${ft('Take it')}</button>` : nothing}
        ${i.state !== 'resolved' && this.operators.length ? this.assignChoice(i, busy) : nothing}
        ${i.state !== 'resolved' ? html`<button name="resolve" ?disabled=${busy} @click=${() => this.act({ id: i.id, action: 'resolve' })}>${ft('Resolve')}</button>` : nothing}
        <button name="details" aria-expanded=${log ? 'true' : 'false'} @click=${() => this.toggle(i.id)}>${log ? ft('Hide the story') : ft('Story and notes')}</button>
      </div>
      ${
        log
          ? html`<ol class="log">${log.map((e) => html`<li data-action=${e.action}>${when(e.at)} — ${e.actor ?? ft('the fleet')}: ${storyEntry(i, e)}</li>`)}</ol>
            <form @submit=${(e: Event) => this.submitNote(e, i.id)}><input name="note" maxlength="2000" placeholder=${ft('Add a note')} /><button type="submit" ?disabled=${busy}>${ft('Add')}</button></form>`
          : nothing
      }
    </li>`;
  }

  /** "Assign to…": every operator but the one who has it now. */
  private assignChoice(i: FleetIssue, busy: boolean) {
    const choose = (e: Event) => {
      const select = e.target as HTMLSelectElement;
      const to = select.value;
      select.value = '';
      if (to) this.act({ id: i.id, action: 'assign', to });
    };
    // Colleagues added since this dashboard opened: the list is asked for again when someone reaches for it.
    const wanted = () => this.dispatchEvent(new CustomEvent('operators-wanted', { bubbles: true, composed: true }));
    return html`<select name="assign" aria-label=${ft('Assign to…')} ?disabled=${busy} @focus=${wanted} @change=${choose}>
      <option value="">${ft('Assign to…')}</option>
      ${this.operators.filter((name) => name !== i.assignedTo).map((name) => html`<option value=${name}>${name === this.me ? ft('{name} (me)', { name }) : name}</option>`)}
    </select>`;
  }

  private submitNote(e: Event, id: string): void {
    e.preventDefault();
    const input = (e.target as HTMLFormElement).querySelector('input') as HTMLInputElement;
    const text = input.value.trim();
    if (!text) return;
    input.value = '';
    this.act({ id, action: 'note', text });
  }

  /** Below a page of the open issues: how many of how many, and the way to the next ones. */
  private more() {
    const total = this.total ?? this.issues.length;
    if (total <= this.issues.length) return nothing;
    const left = total - this.issues.length;
    const ask = () => this.dispatchEvent(new CustomEvent('issues-more', { bubbles: true, composed: true }));
    return html`<div class="more" data-more>
      <span class="meta" data-paged>${ft('The newest {shown} of {total}', { shown: this.issues.length, total })}</span>
      <button name="more-issues" ?disabled=${this.loadingMore} @click=${ask}>${ft('Show {n} more', { n: Math.min(left, OPEN_ISSUES_PAGE) })}</button>
    </div>`;
  }

  override render() {
    // The fleet filters (its pages and total are then the operator's own), not this list: a page holds only some of them.
    const onlyMine = () => this.dispatchEvent(new CustomEvent<boolean>('only-mine', { detail: !this.onlyMine }));
    return html`<div class="heading">
        <h2>${this.heading || ft('Open issues ({n})', { n: this.total ?? this.issues.length })}</h2>
        ${this.me ? html`<button name="only-mine" aria-pressed=${this.onlyMine ? 'true' : 'false'} @click=${onlyMine}>${ft('Only mine')}</button>` : nothing}
      </div>
      ${this.issues.length === 0 ? html`<p class="empty">${ft('No issues.')}</p>` : html`<ul>${this.issues.map((i) => this.item(i))}</ul>`}
      ${this.more()}`;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'fleet-issue-list': FleetIssueList;
  }
  interface HTMLElementEventMap {
    'issue-action': CustomEvent<IssueActionDetail>;
    'issue-open': CustomEvent<string>;
    'issues-more': CustomEvent;
    'only-mine': CustomEvent<boolean>;
    'operators-wanted': CustomEvent;
  }
}
