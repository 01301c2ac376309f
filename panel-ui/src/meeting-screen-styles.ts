import { css } from 'lit';
import { meetingTitleStyles } from './meeting-title.js';
import { twoColumnScreen } from './panel-styles.js';

/** The meeting screen's look: the screen never scrolls as a whole, the agenda scrolls in its own box. */
export const meetingScreenStyles = [
  twoColumnScreen('1fr', '1.2fr'),
  meetingTitleStyles,
  css`
    /* The screen fills the panel's screen area and never scrolls as a whole: the agenda
       list scrolls inside its own box (the current item kept in view), so end, extend and
       next item stay on screen at every panel size whatever the agenda's length. */
    :host {
      grid-template-rows: minmax(0, 1fr);
      height: 100%;
      min-height: 0;
    }
    .main,
    .side {
      display: flex;
      flex-direction: column;
      gap: 0.6em;
      min-height: 0;
    }
    .side {
      overflow-y: auto;
    }
    .main > *,
    .side > * {
      flex: none;
    }
    .left {
      font-size: 3em;
      font-weight: 800;
      font-variant-numeric: tabular-nums;
      line-height: 1;
    }
    .left.low {
      color: #ffa94d;
    }
    /* Extend, extend, end: in one row where they fit, else "End" takes a row of its own
       (an 800-wide panel's half column cannot hold all three without cutting words). */
    .actions {
      display: flex;
      flex-wrap: wrap;
      gap: 0.5em;
    }
    .actions button {
      flex: 1 0 auto;
      min-height: 68px;
      white-space: nowrap;
      padding: 0.2em 0.6em;
    }
    .clock {
      display: flex;
      align-items: baseline;
      gap: 0.4em;
    }
    .warning {
      border-radius: 14px;
      padding: 0.6em 0.9em;
      background: #4a3a0c;
      border: 2px solid var(--soon);
      color: #ffe8a3;
      font-weight: 600;
    }
    section.agenda {
      display: flex;
      flex-direction: column;
      gap: 0.4em;
      /* As tall as the agenda, no taller (the quick presets follow it); shrinks to scroll, but
         never below its head and one item: squeezed further, its list spilled under the
         presets (480×800 with a warning and a two-line title). */
      flex: 0 1 auto;
      /* Its head (a 56 px button), the gap and the list's own least height. */
      min-height: calc(56px + 0.4em + 3.2em);
    }
    /* No agenda yet: nothing in it scrolls, so it keeps its height; squeezed (a toast's row
       above the screen at 480×800), the side column scrolls rather than lay the presets
       over its buttons. */
    section.agenda.empty {
      flex: none;
    }
    .agenda-head {
      display: flex;
      align-items: center;
      justify-content: space-between;
      gap: 0.5em;
    }
    .agenda-moves {
      display: flex;
      gap: 0.5em;
    }
    .noagenda p {
      flex: 1;
    }
    .agenda-head h3 {
      font-size: 1em;
      color: var(--text-muted);
    }
    ol {
      position: relative;
      list-style: none;
      margin: 0;
      padding: 0 0.2em 0 0;
      display: grid;
      gap: 0.4em;
      align-content: start;
      min-height: 3.2em;
      overflow-y: auto;
      overscroll-behavior: contain;
    }
    li {
      display: grid;
      grid-template-columns: minmax(0, 1fr) auto;
      gap: 0.2em 0.6em;
      padding: 0.45em 0.8em;
      border-radius: 12px;
      background: var(--surface);
      border: 1px solid var(--border);
    }
    li > span:first-child {
      overflow-wrap: anywhere;
    }
    li.current {
      border: 2px solid var(--accent-border);
      background: #17324f;
    }
    li.done {
      opacity: 0.6;
    }
    li.over .time {
      color: #ff8787;
    }
    .time {
      font-variant-numeric: tabular-nums;
      font-weight: 700;
    }
    .owner {
      grid-column: 1 / -1;
      font-size: 0.85em;
      color: var(--text-muted);
    }
    dialog {
      max-width: min(28em, 90vw);
      display: grid;
      gap: 0.7em;
    }
    dialog:not([open]) {
      display: none;
    }
    @media (orientation: portrait) {
      :host {
        grid-template-rows: auto minmax(0, 1fr);
      }
    }
    /* Minutes and the floor side by side on a short panel leave each half a column: their
       words take two lines there rather than end in "…" ("Notes, decis…" says nothing). */
    .minutes {
      padding: 0.2em 0.5em;
      line-height: 1.15;
    }
    .minutes > span {
      display: -webkit-box;
      -webkit-line-clamp: 2;
      -webkit-box-orient: vertical;
      overflow: hidden;
    }
    .minutes > .short {
      display: none;
    }
    /* Minutes and the floor: stacked, or side by side where the panel is short. */
    .more {
      display: flex;
      flex-direction: column;
      gap: 0.5em;
    }
    /* Short panels and narrow portrait: the minutes and the floor side by side, and half a column
       holds "Notes and decisions", not "Notes, decisions, action items". */
    @media (max-height: 640px), (max-width: 560px) {
      .more {
        flex-direction: row;
      }
      .more button {
        flex: 1 1 0;
        min-width: 0;
      }
      .minutes .long {
        display: none;
      }
      .minutes .short {
        display: -webkit-box;
      }
    }
    /* Short panels (800×480, 1024×600): smaller clock and buttons, the agenda list shorter. */
    @media (max-height: 640px) {
      :host {
        gap: 0.8em;
      }
      .main,
      .side {
        gap: 0.4em;
      }
      h2 {
        font-size: 1.2em;
      }
      .left {
        font-size: 2.2em;
      }
      /* Extend, extend and end in one row in English too: on two rows, a warning ("5 min left
         in this meeting.") pushed the minutes and the floor out of an 800×480 panel, and the
         row they free lets a long title keep its second line instead of ending in "…". */
      .actions button {
        min-height: 56px;
        font-size: 0.85em;
        padding: 0.2em 0.45em;
      }
      li {
        padding: 0.3em 0.6em;
      }
      .owner {
        display: none;
      }
      quick-controls.card {
        padding: 0.45em 0.5em;
      }
    }
    @media (max-height: 560px) {
      .times {
        display: none;
      }
    }
    /* Narrow portrait (480 wide): the three meeting buttons in one row, smaller words; minutes
       and the floor side by side (stacked, they left the agenda one line). */
    @media (max-width: 560px) {
      :host {
        gap: 0.6em;
      }
      .actions button {
        font-size: 0.9em;
        padding: 0.2em 0.4em;
        min-height: 56px;
      }
      .left {
        font-size: 2.4em;
      }
    }
  `,
];
