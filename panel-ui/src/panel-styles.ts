import { type CSSResult, css, unsafeCSS } from 'lit';

/** Words kept for screen readers only: a shorter wording, an icon or nothing shows in their place. */
export const screenReaderOnly = css`
  .sr-only {
    position: absolute;
    width: 1px;
    height: 1px;
    overflow: hidden;
    clip-path: inset(50%);
    white-space: nowrap;
  }
`;

/**
 * Shared by every panel element (`PanelElement` adopts it once, not copied): dark theme, touch-sized
 * buttons (≥ 56 px, above the 48 px minimum), visible focus, state shown by colour AND words.
 */
export const panelStyles = css`
  :host {
    --bg: #0f1419;
    --surface: #18212b;
    --surface-2: #1f2a36;
    --border: #2c3a49;
    --text: #e8edf2;
    --text-muted: #a9b4c0;
    --button: #233140;
    --button-border: #3d5166;
    --button-active: #34506b;
    --accent: #1f6fd1;
    --accent-border: #5aa0ff;
    --free: #2f9e44;
    --busy: #e03131;
    --soon: #f08c00;
    --focus: #ffd43b;
    --radius: 14px;
    color: var(--text);
    box-sizing: border-box;
  }
  *,
  *::before,
  *::after {
    box-sizing: inherit;
  }
  /* What a <details> holds passes through the browser's own slot, which inherits nothing from
     here: without this its fields and buttons were content-box, and at width 100% stuck out of
     their card by their padding ("Next speaker" on a phone). */
  details > * {
    box-sizing: border-box;
  }
  h2,
  h3,
  p {
    margin: 0;
  }
  button,
  .button {
    min-height: 56px;
    min-width: 56px;
    padding: 0.3em 0.9em;
    border-radius: 12px;
    border: 2px solid var(--button-border);
    background: var(--button);
    color: inherit;
    font: inherit;
    font-weight: 600;
    cursor: pointer;
    touch-action: manipulation;
    -webkit-tap-highlight-color: transparent;
  }
  button:active {
    background: var(--button-active);
    transform: scale(0.97);
  }
  button:focus-visible,
  input:focus-visible,
  select:focus-visible,
  textarea:focus-visible,
  [tabindex]:focus-visible {
    outline: 3px solid var(--focus);
    outline-offset: 2px;
  }
  button:disabled {
    opacity: 0.45;
    cursor: not-allowed;
    transform: none;
  }
  button.primary,
  button[aria-pressed='true'],
  button[aria-current='true'] {
    background: var(--accent);
    border-color: var(--accent-border);
    color: #fff;
  }
  button.danger {
    border-color: #c05454;
    background: #4a1f24;
  }
  button.good {
    border-color: #51cf66;
    background: #1d4d2b;
  }
  input,
  select,
  textarea {
    min-height: 56px;
    padding: 0.3em 0.6em;
    border-radius: 12px;
    border: 2px solid var(--button-border);
    background: #0b1015;
    /* What a person typed is as bright as any text (a label around it is muted); only the
       placeholder is grey, and in italics, so the two are never mistaken for each other. */
    color: var(--text);
    font: inherit;
    width: 100%;
  }
  ::placeholder {
    color: #6c7886;
    font-style: italic;
    opacity: 1;
  }
  textarea {
    min-height: 4em;
    resize: vertical;
  }
  label {
    display: grid;
    gap: 0.25em;
    font-size: 0.85em;
    color: var(--text-muted);
  }
  .card {
    background: var(--surface);
    border: 1px solid var(--border);
    border-radius: var(--radius);
    padding: 0.8em 1em;
  }
  .muted {
    color: var(--text-muted);
  }
  /* A header: its title at the start, what goes with it (a status, the language switch) at the end. */
  header {
    display: flex;
    justify-content: space-between;
    gap: 0.6em;
    align-items: flex-start;
  }
  .row {
    display: flex;
    flex-wrap: wrap;
    gap: 0.5em;
    align-items: center;
  }
  /* The language switch: "中文" / "EN" on one line, never squeezed by a long title beside it. */
  .lang {
    flex: none;
    white-space: nowrap;
  }
  ${screenReaderOnly}
  .pill {
    display: inline-flex;
    align-items: center;
    gap: 0.4em;
    padding: 0.15em 0.7em;
    border-radius: 999px;
    font-size: 0.85em;
    font-weight: 700;
    white-space: nowrap;
  }
  .pill::before {
    content: '';
    width: 0.6em;
    height: 0.6em;
    border-radius: 50%;
    background: currentColor;
  }
  .pill.ok { background: #40c057; color: #062310; }
  .pill.degraded { background: #f5a524; color: #2b1a00; }
  .pill.offline { background: #ff6b6b; color: #2d0303; }
  .pill.connecting { background: #8fa8c0; color: #0c1a26; }
  .pill.bad_config { background: #b197fc; color: #1d0b46; }
  /* A dialog (a confirmation, a chooser) on the raised surface over a dimmed screen; each says its own width. */
  dialog {
    padding: 1em;
    border-radius: var(--radius);
    border: 2px solid var(--focus);
    background: var(--surface-2);
    color: var(--text);
  }
  dialog::backdrop {
    background: rgb(0 0 0 / 0.55);
  }
  dialog .row button {
    flex: 1;
  }
`;

/** A list without bullets or indent whose items stack on a grid; the element adds its own gap. */
export const plainListStyles = css`
  ul {
    list-style: none;
    margin: 0;
    padding: 0;
    display: grid;
  }
`;

/** A section that is mostly such a list (an admin tab): its parts 0.6em apart, the list's items 0.5em. */
export const listSectionStyles = [
  plainListStyles,
  css`
    :host {
      display: grid;
      gap: 0.6em;
    }
    ul {
      gap: 0.5em;
    }
  `,
];

/**
 * A room screen in two columns 1em apart, `left` and `right` their shares of the width (a
 * long word never widens one); one column on a portrait panel.
 */
export function twoColumnScreen(left: string, right: string): CSSResult {
  return css`
    :host {
      display: grid;
      grid-template-columns: minmax(0, ${unsafeCSS(left)}) minmax(0, ${unsafeCSS(right)});
      gap: 1em;
    }
    @media (orientation: portrait) {
      :host {
        grid-template-columns: minmax(0, 1fr);
      }
    }
  `;
}

/**
 * A room screen that never scrolls as a whole (its lists scroll in their own boxes): a `head`,
 * the `body` taking the height left and a `foot`, with a `side` column beside them. `columns`
 * are the main column's and the side's widths on a landscape panel, where the foot runs under
 * the main column, or under both with `footAcross`. A portrait panel has one column: the head,
 * the side under it, the body, the foot.
 */
export function screenWithSide(columns: string, options: { footAcross?: boolean } = {}): CSSResult {
  const foot = options.footAcross ? "'foot foot'" : "'foot side'";
  return css`
    :host {
      display: grid;
      grid-template-columns: ${unsafeCSS(columns)};
      grid-template-rows: auto minmax(0, 1fr) auto;
      grid-template-areas: 'head side' 'body side' ${unsafeCSS(foot)};
      gap: 0.6em 1em;
      height: 100%;
      min-height: 0;
    }
    @media (orientation: portrait) {
      :host {
        grid-template-columns: minmax(0, 1fr);
        grid-template-rows: auto auto minmax(0, 1fr) auto;
        grid-template-areas: 'head' 'side' 'body' 'foot';
      }
    }
  `;
}
