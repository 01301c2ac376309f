import { LitElement, css, html, nothing } from 'lit';
import type { FleetIssue } from '../../../fleet/fleet-api-types.js';

export interface IssueActionDetail {
  id: string;
  action: 'acknowledge' | 'resolve';
}

/** Whether the room's panel shows that the help call was seen: the loop closes in the room, not here. */
function roomNote(i: FleetIssue) {
  if (i.roomSeenAt) return html`<div class="meta room seen" data-room="seen">The room's panel shows it (${new Date(i.roomSeenAt).toLocaleTimeString()})</div>`;
  if (i.roomError) return html`<div class="meta room refused" data-room="refused">The room was not told: ${i.roomError}</div>`;
  if (i.state === 'open') return nothing;
  return html`<div class="meta room" data-room="telling">Telling the room…</div>`;
}

/** Open problem reports and help calls, newest first, with acknowledge / resolve. */
export class FleetIssueList extends LitElement {
  static override properties = { issues: { attribute: false }, busy: { attribute: false } };

  static override styles = css`
    :host { display: block; }
    h2 { font-size: 1.05em; margin: 0 0 0.5em; }
    ul { list-style: none; margin: 0; padding: 0; display: flex; flex-direction: column; gap: 0.5em; }
    li { padding: 0.6em; border-radius: 8px; background: #18212b; border: 1px solid #2c3a49; }
    li.help { border-left: 4px solid #f5a524; }
    li.problem { border-left: 4px solid #ff6b6b; }
    .meta { font-size: 0.8em; color: #a9b4c0; }
    .actions { display: flex; gap: 0.5em; margin-top: 0.4em; }
    button { font: inherit; font-size: 0.85em; padding: 0.25em 0.7em; border-radius: 6px; border: 1px solid #2c3a49; background: #243243; color: inherit; cursor: pointer; }
    button:disabled { opacity: 0.5; cursor: default; }
    .empty { color: #a9b4c0; font-size: 0.9em; }
    .room.seen { color: #8ce99a; }
    .room.refused { color: #ffa8a8; }
  `;

  issues: FleetIssue[] = [];
  /** Issue ids with a request in flight. */
  busy = new Set<string>();

  private act(id: string, action: IssueActionDetail['action']): void {
    this.dispatchEvent(new CustomEvent<IssueActionDetail>('issue-action', { detail: { id, action }, bubbles: true, composed: true }));
  }

  override render() {
    const open = this.issues.filter((i) => i.state !== 'resolved');
    return html`<h2>Open issues (${open.length})</h2>
      ${open.length === 0
        ? html`<p class="empty">No open problem reports or help calls.</p>`
        : html`<ul>
            ${open.map(
              (i) => html`<li class=${i.kind} data-issue=${i.id} data-state=${i.state}>
                <div><strong>${i.kind === 'help' ? 'Help call' : 'Problem'}</strong> in ${i.site}/${i.room}: ${i.summary}</div>
                <div class="meta">${new Date(i.openedAt).toLocaleString()} · ${i.state}${i.acknowledgedBy ? ` by ${i.acknowledgedBy}` : ''}</div>
                ${i.kind === 'help' ? roomNote(i) : nothing}
                <div class="actions">
                  ${i.state === 'open' ? html`<button name="acknowledge" ?disabled=${this.busy.has(i.id)} @click=${() => this.act(i.id, 'acknowledge')}>Acknowledge</button>` : nothing}
                  <button name="resolve" ?disabled=${this.busy.has(i.id)} @click=${() => this.act(i.id, 'resolve')}>Resolve</button>
                </div>
              </li>`,
            )}
          </ul>`}`;
  }
}

customElements.define('fleet-issue-list', FleetIssueList);

declare global {
  interface HTMLElementTagNameMap {
    'fleet-issue-list': FleetIssueList;
  }
  interface HTMLElementEventMap {
    'issue-action': CustomEvent<IssueActionDetail>;
  }
}
