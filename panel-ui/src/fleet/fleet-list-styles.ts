import { css } from 'lit';

/** A list on the dashboard (the alerts, the issues): its heading, and its words when it is empty. */
export const fleetListStyles = css`
  :host { display: block; }
  h2 { font-size: 1.05em; margin: 0 0 0.5em; }
  .empty { color: #a9b4c0; font-size: 0.9em; }
`;

/** The buttons that work issues, in the issue list and in the search that finds them. */
export const issueButtonStyles = css`
  button { font: inherit; font-size: 0.85em; padding: 0.25em 0.7em; border-radius: 6px; border: 1px solid #2c3a49; background: #243243; color: inherit; cursor: pointer; }
`;
