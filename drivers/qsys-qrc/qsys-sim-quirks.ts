import type { QuirkProfile } from '../sim/simulator.js';

/** Ways real Q-SYS Cores behave that the friendly simulator does not, each with its source. */
export const QSYS_QUIRKS: readonly QuirkProfile[] = [
  {
    name: 'logon-required',
    description:
      'Access control on: every method but Logon and NoOp answers error 10 "Logon required" until a Logon with user "roomctl" / PIN "1234" (unless user and password are given).',
    source: 'Q-SYS Help, External Control APIs, QRC: "Logon" method and error code 10 (Logon required) when the Core has Access Control users',
  },
  {
    name: 'slow-replies',
    description: 'Answers every request after replyDelayMs (default 800 ms), as a Core busy running a large design or behind a congested network does.',
    source:
      'Q-SYS Help, QRC: the protocol gives no reply-time bound and asks clients to keep the session alive with NoOp (< 60 s); the delay models a loaded Core',
  },
  {
    name: 'no-mixer',
    description: 'A design without the Mixer1 component: Mixer.SetInputMute answers error 7 (unknown component name).',
    source: 'Q-SYS Help, QRC error codes: 7 "Unknown component name" for a component the running design does not have (Script Access off or absent)',
  },
  {
    name: 'standby',
    description: 'The backup Core of a redundant pair: answers -32604 "Core is on Standby" to everything but StatusGet, which says State "Standby".',
    source: 'Q-SYS Help, QRC error codes: -32604 Core is on Standby (redundant Core pairs); EngineStatus State "Standby"',
  },
];
