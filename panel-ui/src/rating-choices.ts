import { css, html } from 'lit';
import type { ProblemCategory } from '../../appliance/api/api-types.js';
import { t } from './i18n.js';

/** The problems a person may tick; each one's label is its name capitalised ("Camera"), in the panel's table. */
const CATEGORIES: ProblemCategory[] = ['camera', 'audio', 'display', 'network', 'cleanliness', 'other'];

/** What the room's rating asks for, kept by the element that shows it (the panel's end screen, the phone's rating). */
interface RatingChoices {
  rating: number | null;
  problems: ProblemCategory[];
}

export const ratingStyles = css`
  .stars {
    display: grid;
    grid-template-columns: repeat(5, 1fr);
    gap: 0.5em;
  }
  .stars button {
    min-height: 76px;
    font-size: 1.6em;
    display: grid;
    line-height: 1;
    justify-items: center;
  }
  .stars small {
    font-size: 0.45em;
    font-weight: 400;
  }
  .problems {
    display: grid;
    grid-template-columns: repeat(auto-fill, minmax(8em, 1fr));
    gap: 0.5em;
  }
`;

/** "How was the room?": five stars, and the problems to tick; a tap sets `rating` or toggles a problem of `host`. */
export function ratingChoices(host: RatingChoices) {
  const words = [t('Bad'), t('Poor'), t('Fair'), t('Good'), t('Great')];
  const toggle = (id: ProblemCategory) => (host.problems = host.problems.includes(id) ? host.problems.filter((p) => p !== id) : [...host.problems, id]);
  return html`
    <h2>${t('How was the room?')}</h2>
    <div class="stars" role="radiogroup" aria-label=${t('Rating')}>
      ${[1, 2, 3, 4, 5].map(
        (
          n,
        ) => html`<button type="button" role="radio" aria-checked=${String(host.rating === n)} aria-pressed=${String(host.rating !== null && n <= host.rating)} data-testid=${`rate-${n}`} aria-label=${t('{n} of 5: {word}', { n, word: words[n - 1]! })} @click=${() => (host.rating = n)}>
          ${host.rating !== null && n <= host.rating ? '★' : '☆'}<small>${words[n - 1]}</small>
        </button>`,
      )}
    </div>
    <h3>${t('Something did not work?')}</h3>
    <div class="problems" role="group" aria-label=${t('Problems')}>
      ${CATEGORIES.map(
        (c) =>
          html`<button type="button" data-testid=${`problem-${c}`} aria-pressed=${String(host.problems.includes(c))} @click=${() => toggle(c)}>${t(c[0]!.toUpperCase() + c.slice(1))}</button>`,
      )}
    </div>
  `;
}
