import type { QuirkProfile } from '../sim/simulator.js';

/** Ways real LG displays behave that the friendly simulator does not, each with its source. */
export const LG_QUIRKS: readonly QuirkProfile[] = [
  {
    name: 'slow-replies',
    description: 'Answers every command after replyDelayMs (default 800 ms).',
    source:
      'LG RS-232C protocol (installation manuals, e.g. UV340C-U, linked in bitfocus/companion-module-requests issue 224): the acknowledgement is sent after the set has processed the command',
  },
  {
    name: 'no-speaker',
    description: 'A model without speakers: volume (kf) and mute (ke) are answered NG.',
    source:
      'LG RS-232C protocol: a set answers "NG" to a command it cannot carry out (bitfocus/companion-module-requests issue 224 lists the volume commands that work on speaker models)',
  },
];
