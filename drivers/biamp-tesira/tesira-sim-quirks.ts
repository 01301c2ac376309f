import type { QuirkProfile } from '../sim/simulator.js';

/** Ways real Tesira servers behave that the friendly simulator does not, each with its source. */
export const TESIRA_QUIRKS: readonly QuirkProfile[] = [
  {
    name: 'slow-replies',
    description: 'Echoes at once but answers every command after replyDelayMs (default 800 ms), as a server busy with a large configuration does.',
    source:
      'Biamp Tesira Text Protocol (TTP) documentation: a command is answered "+OK" or "-ERR" after it is processed, with no time bound; the delay models a loaded server',
  },
  {
    name: 'no-mic-mute-block',
    description: 'The running design has no MicMute block: every command to it answers -ERR address not found.',
    source: 'Biamp TTP documentation: "-ERR address not found" for an instance tag the running configuration does not contain',
  },
];
