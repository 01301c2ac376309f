import { createSocket, type Socket as UdpSocket } from 'node:dgram';
import type { QuirkProfile } from '../sim/simulator.js';

/** Ways real PJLink displays behave that the friendly simulator does not, each with its source. */
export const PJLINK_QUIRKS: readonly QuirkProfile[] = [
  {
    name: 'slow-replies',
    description: 'Answers every command after replyDelayMs (default 1000 ms), as many projectors do; controllers with a short fixed timeout see them flap.',
    source:
      'bitfocus/companion-module-generic-pjlink issue 18 (projector takes time to process and respond; reported with a Hitachi CP-WX8265, companion-module-requests issue 503)',
  },
  {
    name: 'slow-warmup',
    description: 'A 20 s warm-up (warmupMs) during which INPT/AVMT answer ERR3 and every reply takes 2 s (replyDelayMs).',
    source: 'PJLink class 1 specification: ERR3 "unavailable time" while warming up or cooling down; POWR ? answers 3 during warm-up',
  },
  {
    name: 'auth-lockout',
    description:
      'Authentication on (password "pjlink" unless given); after 3 wrong logins in a row it refuses every login, even the right one, for lockoutMs (default 60 s).',
    source: 'PJLink specification (PJLINK ERRA on a wrong digest); Epson projector user guides: three wrong passwords in succession lock the projector',
  },
  {
    name: 'class1-only',
    description: 'A class 1 display: CLSS ? answers 1 and every %2 command answers ERR1 (no volume, no freeze, no notifications).',
    source: 'Panasonic PT-VX42Z and PT-EX16K operating instructions, "PJLink protocol": supports PJLink class 1, CLSS ? returns 1',
  },
  {
    name: 'avmt-31-only',
    description: 'AV mute only as sound and picture together: AVMT 30/31 work, 10/11/20/21 answer ERR2.',
    source: 'Panasonic PT-VX42Z, PT-EX16K and PT-JX200 operating instructions: AVMT parameters 30 (AV mute off) and 31 (AV mute on) only',
  },
  {
    name: 'notifications',
    description:
      'Class 2 status notifications: changes (POWR, INPT, AVMT, ERST) are sent over UDP to the controller that last connected, port notifyPort (default 4352), and LKUP when the display comes up.',
    source: 'PJLink class 2 specification: status notification (LKUP, ERST, POWR, INPT, AVMT) sent by UDP to port 4352 of the controller',
  },
  {
    name: 'idle-drop',
    description: 'Closes a session with no command for 30 s (idleTimeoutMs), as displays do to free their single connection.',
    source: 'PJLink class 1 specification: the projector disconnects when no command arrives for 30 seconds',
  },
  {
    name: 'unnamed',
    description: 'No name was ever set: NAME ? answers an empty value (%1NAME=); INF1/INF2 still tell the manufacturer and product.',
    source: 'PJLink class 1 specification, NAME query: the response is empty (zero length) when no projector name is set',
  },
  {
    name: 'no-identity',
    description: 'NAME ?, INF1 ? and INF2 ? answer ERR1 (undefined command): the display does not say what it is.',
    source: 'PJLink class 1 specification: ERR1 "undefined command" is the answer to a command the device does not implement',
  },
];

/** Status notifications over UDP to the controller that last connected (the `notifications` quirk). */
export class PjlinkNotifier {
  private readonly udp: UdpSocket = createSocket('udp4');
  private controller: string | undefined;
  /** Notifications sent so far, for tests. */
  readonly sent: string[] = [];
  private closed = false;

  constructor(private readonly port: number) {
    this.udp.on('error', () => undefined);
    this.udp.unref();
  }

  /** A controller connected from `address`: notifications go there from now on. */
  connectedFrom(address: string | undefined): void {
    if (address) this.controller = address.replace(/^::ffff:/, '');
  }

  notify(command: string, value: string): void {
    // Port 0 is nobody's: nothing to send to (a simulator never throws at its clients).
    // Closed: a warm-up's settle timer may still come round after the simulator stopped.
    if (!this.controller || this.port <= 0 || this.port > 65535 || this.closed) return;
    const line = `%2${command}=${value}`;
    this.sent.push(line);
    this.udp.send(`${line}\r`, this.port, this.controller, () => undefined);
  }

  close(): void {
    this.closed = true;
    try {
      this.udp.close();
    } catch {
      // already closed
    }
  }
}
