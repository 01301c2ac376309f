import type { ViscaCameraSimulator } from './visca-camera-simulator.js';

/** Where the replies to one message go (a UDP peer with the message's sequence number, a TCP connection). */
export type ReplyTo = (reply: Uint8Array) => void;

/**
 * The camera side of "replies matched to their message" for simulators with many
 * controllers: an ACK for socket z makes that message the owner of z, and the completion
 * that comes later (maybe seconds later, when travel ends) goes back to the same owner.
 */
export class ViscaReplyRouter {
  private readonly owners = new Map<number, ReplyTo>();

  constructor(private readonly camera: ViscaCameraSimulator) {
    camera.on('reply', (reply: Uint8Array) => {
      const socket = reply[1]! & 0x0f;
      const owner = this.owners.get(socket);
      this.owners.delete(socket);
      owner?.(reply);
    });
  }

  /** Hand one message to the camera and route each immediate reply. */
  handle(message: Uint8Array, replyTo: ReplyTo): void {
    for (const reply of this.camera.handle(message)) {
      const type = reply[1]! >> 4;
      const socket = reply[1]! & 0x0f;
      if (type === 0x4) {
        this.owners.set(socket, replyTo);
        replyTo(reply);
      } else if (type === 0x5 && socket !== 0 && this.owners.has(socket)) {
        // The completion of a command in socket z (maybe an older one this message ended).
        const owner = this.owners.get(socket)!;
        this.owners.delete(socket);
        owner(reply);
      } else {
        replyTo(reply);
      }
    }
  }
}
