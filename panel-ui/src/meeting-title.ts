import { css, html, nothing } from 'lit';
import type { MeetingView } from '../../appliance/api/api-types.js';
import { t } from './i18n.js';

/**
 * The meeting's title on the check-in and meeting screens: large, two lines at most, the
 * whole title in its tooltip. The rule is the screen's `h2`, as plain as the screen's own
 * rules, so a screen's later ones (for a short panel) still apply over it.
 */
export const meetingTitleStyles = css`
  h2 {
    font-size: 1.5em;
    line-height: 1.15;
    display: -webkit-box;
    -webkit-line-clamp: 2;
    -webkit-box-orient: vertical;
    overflow: hidden;
    overflow-wrap: anywhere;
  }
`;

/** The title, or "Private meeting" for a meeting whose title is not shown. */
export function meetingTitle(m: Pick<MeetingView, 'hidden' | 'title'>, testId: string) {
  return html`<h2 data-testid=${testId} title=${m.hidden ? nothing : m.title}>${m.hidden ? t('Private meeting') : m.title}</h2>`;
}
