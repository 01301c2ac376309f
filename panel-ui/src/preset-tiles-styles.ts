import { css } from 'lit';

/** How long a press must last to save: long enough that a tap never overwrites a preset by accident (the ring fills meanwhile). */
export const HOLD_MS = 1500;

/** Preset tiles: a 16:9 still over the name, the hold ring, and the confirm dialog. */
export const presetTilesStyles = css`
  :host {
    display: grid;
    gap: 0.5em;
  }
  .tiles {
    display: grid;
    /* --tile-repeat: auto-fit stretches a short row across the width (the quick controls). */
    grid-template-columns: repeat(var(--tile-repeat, auto-fill), minmax(min(100%, var(--tile-min, 6em)), 1fr));
    gap: var(--tile-gap, 0.5em);
  }
  .tile {
    container-type: inline-size;
    position: relative;
    display: grid;
    grid-template-rows: auto auto;
    /* The picture and the name take the tile's width, never their own (a long name wraps). */
    grid-template-columns: minmax(0, 1fr);
    align-content: center;
    gap: 0.25em;
    padding: var(--tile-pad, 0.3em);
    min-height: 56px;
    overflow: hidden;
    -webkit-touch-callout: none;
    user-select: none;
  }
  .thumb {
    /* --thumb-display: none shows the tiles as named buttons (the meeting screen on short panels). */
    display: var(--thumb-display, grid);
    place-items: center;
    aspect-ratio: 16 / 9;
    width: 100%;
    /* Short panels make the picture smaller, never its shape different. */
    max-width: var(--thumb-max, none);
    justify-self: center;
    border-radius: 8px;
    overflow: hidden;
    background: #0b1015;
    color: var(--text-muted);
  }
  .thumb img {
    width: 100%;
    height: 100%;
    object-fit: cover;
    display: block;
    pointer-events: none;
  }
  .thumb svg {
    width: 2em;
    height: 2em;
  }
  .name {
    align-self: center;
    /* Smaller letters for a long word, so it fits the tile's width (a bold letter is about 0.62em wide). */
    font-size: min(0.85em, calc((100cqi - 0.6em) / (var(--longest-word, 1) * 0.62)));
    line-height: 1.2;
    /* Break inside a word only when the word cannot fit a line of its own. */
    overflow-wrap: break-word;
  }

  .bar {
    position: absolute;
    left: 0;
    bottom: 0;
    height: 5px;
    width: 100%;
    background: var(--focus);
    transform-origin: left;
    transform: scaleX(0);
  }
  .holding .bar {
    animation: hold ${HOLD_MS}ms linear forwards;
  }
  @keyframes hold {
    to {
      transform: scaleX(1);
    }
  }
  .busy {
    position: absolute;
    inset: 0;
    display: grid;
    place-items: center;
    background: rgb(15 20 25 / 0.7);
    font-size: 0.85em;
  }
  dialog {
    max-width: min(26em, 90vw);
  }
  dialog p {
    margin-bottom: 0.8em;
  }
  .hint,
  .note {
    font-size: 0.85em;
  }
  @media (max-height: 560px) {
    .hint {
      display: none;
    }
  }
`;
