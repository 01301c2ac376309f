import { css, html, nothing } from 'lit';
import { customElement, property } from 'lit/decorators.js';
import type { AgendaNowView } from '../../appliance/api/api-types.js';
import { t } from './i18n.js';
import { PanelElement } from './panel-element.js';

/**
 * Someone else saved the agenda while this person was editing it: says so, and shows their
 * version. What the person typed stays in the editor under this card; the two ways on (keep
 * mine, take theirs) are the editor's buttons, which stay in sight at every panel size.
 */
@customElement('agenda-conflict')
export class AgendaConflict extends PanelElement {
  static override styles = css`
    :host {
      display: grid;
      gap: 0.5em;
      padding: 0.6em 0.8em;
      border: 2px solid var(--soon);
      border-radius: var(--radius);
      background: var(--surface);
    }
    p {
      margin: 0;
    }
    ol {
      margin: 0;
      padding-inline-start: 1.4em;
      max-height: 9em;
      overflow-y: auto;
    }
    .meta {
      color: var(--text-muted);
      font-size: 0.9em;
    }
  `;

  /** The agenda as it stands now; null while it is on its way (or could not be read). */
  @property({ attribute: false }) theirs: AgendaNowView['items'] | null = null;

  override render() {
    const theirs = this.theirs;
    return html`
      <p role="alert" data-testid="agenda-conflict">${t('Someone else changed the agenda while you were editing it. Your changes are still here, not saved.')}</p>
      <p class="meta">${t('“Keep mine” saves yours over theirs; “Take theirs” drops your changes.')}</p>
      ${
        theirs
          ? html`<p>${t('Their agenda:')}</p>
              <ol data-testid="agenda-theirs">
                ${theirs.length === 0 ? html`<li class="meta">${t('No agenda for this meeting.')}</li>` : nothing}
                ${theirs.map(
                  (i) =>
                    html`<li>${i.title} <span class="meta">${t('{n} min', { n: i.minutes })}${i.owner ? ` · ${i.owner}` : ''}${i.speakers.length ? ` · ${i.speakers.map((s) => s.name).join(t(', '))}` : ''}</span></li>`,
                )}
              </ol>`
          : nothing
      }
    `;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'agenda-conflict': AgendaConflict;
  }
}
