import { css } from 'lit';

/** The room panel's frame: header, banners, the screen area. Readable from 1.5 m. */
export const roomPanelStyles = css`
  :host {
    /* Readable from 1.5 m: ~21 px at 800 wide, 24 px from ~1000 wide up — and smaller on
       short screens (1024×600: 21 px, 800×480: 18 px), where height is what runs out. */
    font-size: clamp(18px, min(1.2vw + 12px, 2.2vh + 8px), 24px);
    display: flex;
    flex-direction: column;
    height: 100vh;
    height: 100dvh;
    background: var(--bg);
  }
  /* The room, what waits to be sent, the clock, the language switch last: a toast lies over
     the first three (words, no control) and never moves the screen below. */
  header {
    display: grid;
    grid-template-columns: minmax(0, 1fr) auto auto auto;
    align-items: center;
    gap: 0.8em;
    --header-pad: 0.45em;
    padding: var(--header-pad) 1em;
    border-bottom: 1px solid var(--border);
  }
  header > .title {
    grid-area: 1 / 1;
  }
  header > .queue {
    grid-area: 1 / 2;
  }
  header > room-clock {
    grid-area: 1 / 3;
  }
  header > .lang {
    grid-area: 1 / 4;
  }
  /* Over the words' row and the header's padding above and below it: the toast holds a title
     and two lines on every panel (a title cut to one line, two lines of words and a code on
     the narrowest), and ends inside the header. */
  header > panel-toast {
    grid-area: 1 / 1 / 2 / 4;
    align-self: stretch;
    margin-block: calc(-1 * var(--header-pad));
  }
  h1 {
    margin: 0;
    font-size: 1.6em;
    line-height: 1.1;
    overflow: hidden;
    text-overflow: ellipsis;
    white-space: nowrap;
  }
  .state {
    margin-top: 0.15em;
  }
  .state.idle { background: var(--free); color: #fff; }
  .state.booked { background: var(--soon); color: #1d1200; }
  .state.in_meeting { background: var(--busy); color: #fff; }
  .queue {
    background: #4a3a0c;
    color: #ffe8a3;
    border: 2px solid var(--soon);
  }
  .lang {
    min-width: 4em;
  }
  .banner {
    margin: 0;
    padding: 0.45em 1em;
    font-weight: 600;
  }
  .banner.offline {
    background: #8a1c1c;
    color: #fff;
  }
  .banner.connecting {
    background: #2a3b4d;
  }
  /* --screen-pad-end: what a screen's part stuck to the bottom reaches over (the agenda editor's buttons). */
  main {
    flex: 1;
    min-height: 0;
    overflow: auto;
    --screen-pad-end: 0.9em;
    padding: var(--screen-pad-end) 1em;
    display: flex;
    flex-direction: column;
  }
  main > * {
    flex: 1;
  }
  main.stale {
    opacity: 0.7;
  }
  @media (max-height: 640px) {
    main {
      --screen-pad-end: 0.6em;
      padding: var(--screen-pad-end) 0.8em;
    }
  }
  @media (max-height: 560px) {
    header {
      --header-pad: 0.25em;
      padding: var(--header-pad) 0.8em;
    }
    h1 {
      font-size: 1.3em;
    }
    main {
      --screen-pad-end: 0.6em;
      padding: var(--screen-pad-end) 0.8em;
    }
  }
`;
