import { css } from 'lit';

/**
 * A phone page (a meeting's, booking from the door's QR code): one column centred on a wide
 * screen, type larger than the panel's, a large title.
 * Only the phone pages import it: the panel never loads it.
 */
export const phonePageStyles = css`
  :host {
    display: grid;
    gap: 1em;
    padding: 1em;
    max-width: 48em;
    margin: 0 auto;
    font-size: 18px;
  }
  h1 {
    margin: 0;
    font-size: 1.5em;
  }
`;
