import type { QuirkProfile } from '../sim/simulator.js';

/** Ways real Shure arrays behave that the friendly simulator does not, each with its source. */
export const SHURE_QUIRKS: readonly QuirkProfile[] = [
  {
    name: 'slow-replies',
    description: 'Answers every GET/SET after replyDelayMs (default 800 ms), as an array behind a congested network or busy with a firmware task does.',
    source: 'Shure MXA910 command strings: a REP follows each GET/SET with no stated time bound; the delay models a loaded device or network',
  },
  {
    name: 'mxa310',
    description: 'A table array with 4 channels: channel 5 and above answer REP ERR.',
    source: 'Shure MXA310 command strings (pubs.shure.com/command-strings/MXA310): channels 1–4, as reported in bitfocus/companion-module-requests issue 252',
  },
];
