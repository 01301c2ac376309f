import { css } from 'lit';

/** One palette for tiles, pills and filters: status never rests on colour alone (each has a word too). */
export const statusColors = css`
  .s-ok { --status-bg: #40c057; --status-fg: #062310; }
  .s-degraded { --status-bg: #f5a524; --status-fg: #2b1a00; }
  .s-offline { --status-bg: #ff6b6b; --status-fg: #2d0303; }
  .s-auth-failed { --status-bg: #e8590c; --status-fg: #2d0e00; }
  .s-unknown { --status-bg: #8fa8c0; --status-fg: #0c1a26; }
`;
