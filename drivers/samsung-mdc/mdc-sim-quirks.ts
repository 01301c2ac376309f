import type { QuirkProfile } from '../sim/simulator.js';

/** Ways real Samsung displays behave that the friendly simulator does not, each with its source. */
export const MDC_QUIRKS: readonly QuirkProfile[] = [
  {
    name: 'slow-replies',
    description: 'Answers every frame after replyDelayMs (default 800 ms).',
    source: 'vgavro/samsung-mdc issue 9 (reads timing out against a QN90BA over TCP); MDC protocol document: a reply follows each command with no time bound',
  },
  {
    name: 'no-speaker',
    description: 'A signage panel without speakers: volume (0x12) and mute (0x13) answer NAK "not available".',
    source:
      'Samsung MDC protocol: NAK with an error code for a command the model cannot carry out; vgavro/samsung-mdc issue 15 (a QM55B-T answering a command differently from the document)',
  },
];
