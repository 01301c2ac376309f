import { createSocket, type Socket } from 'node:dgram';
import { EventEmitter } from 'node:events';
import type { DriverLogger } from '../core/definition.js';
import { RoomctlError } from '../core/errors.js';
import { replyDeadline, type ReplyDeadline } from '../core/reply-deadline.js';
import { toHex } from './visca-codec.js';
import { decodeViscaIp, encodeViscaIp, nextSequence, sameBytes, VISCA_IP_CONTROL, viscaIpTypeOf, type ViscaIpPacket } from './visca-ip-header.js';
import type { ViscaLink } from './visca-link.js';

export interface ViscaUdpLinkOptions {
  host: string;
  port: number;
  log: DriverLogger;
  /** Silence after which an unanswered message is sent again (same sequence number). */
  retransmitMs?: number;
  /** Sends of one message in all, the first included; then the command channel times it out. */
  maxTries?: number;
}

/** A message on the wire and what has come back for it. */
interface Outstanding {
  sequence: number;
  message: Uint8Array;
  datagram: Uint8Array;
  tries: number;
  /** Any reply seen: the camera has it, so it is never sent again. */
  heard: boolean;
  acked: boolean;
  /** Already sent again once after a sequence error and a RESET. */
  resynced: boolean;
  timer?: ReplyDeadline;
}

interface ResetWaiter {
  resolve(): void;
  reject(error: RoomctlError): void;
  timer?: ReplyDeadline;
}

/** Messages kept for late replies; a camera that never completes must not grow the map. */
const MAX_OUTSTANDING = 32;

/**
 * VISCA over IP on UDP: each message gets the next sequence number, goes out in one
 * datagram, and is sent again (same number, so the camera can tell a repeat) until a reply
 * with that number arrives or `maxTries` is spent. Replies are matched by sequence number,
 * repeats are dropped, and a sequence error from the camera is answered with RESET and one
 * more try. See visca-ip-header.ts for the header. The silences that send again (a message's,
 * a RESET's) are reply deadlines (core/reply-deadline.ts): a reply that came while the room's
 * process was held up is read first, so a hold-up costs the camera no repeat.
 */
export class ViscaUdpLink extends EventEmitter implements ViscaLink {
  private socket: Socket | undefined;
  private sequence = 0;
  private readonly outstanding = new Map<number, Outstanding>();
  private resetWaiter: ResetWaiter | undefined;
  /** Counters for tests, benchmarks and diagnostics. */
  readonly stats = { sent: 0, retransmissions: 0, staleReplies: 0, duplicateReplies: 0, resets: 0, sequenceErrors: 0 };
  private readonly retransmitMs: number;
  private readonly maxTries: number;

  constructor(private readonly o: ViscaUdpLinkOptions) {
    super();
    this.retransmitMs = o.retransmitMs ?? 150;
    this.maxTries = o.maxTries ?? 3;
  }

  async open(): Promise<void> {
    const socket = createSocket('udp4');
    this.socket = socket;
    socket.on('message', (datagram: Buffer) => this.receive(datagram));
    socket.on('error', (err: NodeJS.ErrnoException) => {
      if (this.socket !== socket) return;
      // ICMP port unreachable on a connected socket: nothing listens at the camera's address.
      const error = new RoomctlError('ROOMCTL_E_DEVICE_OFFLINE', `VISCA camera at ${this.o.host}:${this.o.port} is unreachable (${err.code ?? err.message})`, {
        host: this.o.host,
        port: this.o.port,
      });
      this.resetWaiter?.reject(error);
      this.emit('lost', error);
    });
    try {
      await new Promise<void>((resolve, reject) => {
        socket.once('error', reject);
        socket.bind(0, () =>
          socket.connect(this.o.port, this.o.host, () => {
            socket.off('error', reject);
            resolve();
          }),
        );
      });
    } catch (err) {
      this.socket = undefined;
      socket.close();
      throw new RoomctlError(
        'ROOMCTL_E_CONNECT_FAILED',
        `Cannot reach ${this.o.host}:${this.o.port}: ${(err as Error).message}`,
        { host: this.o.host, port: this.o.port },
        { cause: err },
      );
    }
  }

  /**
   * RESET: both ends start counting again. Sent at connect (the camera may remember a higher
   * number from an earlier session) and after a sequence error. Retransmitted like any message.
   */
  async reset(): Promise<void> {
    this.stats.resets++;
    for (const o of this.outstanding.values()) o.timer?.cancel();
    this.outstanding.clear();
    const datagram = encodeViscaIp('control', this.sequence, VISCA_IP_CONTROL.reset);
    await new Promise<void>((resolve, reject) => {
      let tries = 0;
      const attempt = () => {
        if (tries++ >= this.maxTries) {
          waiter.reject(
            new RoomctlError('ROOMCTL_E_DEVICE_TIMEOUT', `no answer to RESET from ${this.o.host}:${this.o.port} after ${this.maxTries} tries`, {
              host: this.o.host,
              port: this.o.port,
            }),
          );
          return;
        }
        this.send(datagram);
        waiter.timer = replyDeadline(this.retransmitMs, attempt);
      };
      const done = () => {
        waiter.timer?.cancel();
        if (this.resetWaiter === waiter) this.resetWaiter = undefined;
      };
      const waiter: ResetWaiter = {
        resolve: () => {
          done();
          this.sequence = 0;
          resolve();
        },
        reject: (error) => {
          done();
          reject(error);
        },
      };
      this.resetWaiter = waiter;
      attempt();
    });
  }

  write(message: Uint8Array): Promise<void> {
    if (!this.socket) return Promise.reject(new RoomctlError('ROOMCTL_E_DEVICE_OFFLINE', `VISCA link to ${this.o.host}:${this.o.port} is closed`));
    this.transmit(message, false);
    return Promise.resolve();
  }

  async close(): Promise<void> {
    const socket = this.socket;
    this.socket = undefined;
    for (const o of this.outstanding.values()) o.timer?.cancel();
    this.outstanding.clear();
    this.resetWaiter?.reject(new RoomctlError('ROOMCTL_E_DEVICE_OFFLINE', `VISCA link to ${this.o.host}:${this.o.port} closed`));
    if (socket) await new Promise<void>((resolve) => socket.close(() => resolve()));
  }

  private transmit(message: Uint8Array, resynced: boolean): void {
    this.sequence = nextSequence(this.sequence);
    const datagram = encodeViscaIp(viscaIpTypeOf(message), this.sequence, message);
    const o: Outstanding = { sequence: this.sequence, message, datagram, tries: 1, heard: false, acked: false, resynced };
    if (this.outstanding.size >= MAX_OUTSTANDING) this.forget(this.outstanding.keys().next().value!);
    this.outstanding.set(o.sequence, o);
    this.send(datagram);
    this.arm(o);
  }

  private arm(o: Outstanding): void {
    o.timer = replyDeadline(this.retransmitMs, () => {
      if (o.heard || this.outstanding.get(o.sequence) !== o) return;
      if (o.tries >= this.maxTries) {
        // The command channel's ACK timeout reports it; keeping it would only hold memory.
        this.o.log.warn({ sequence: o.sequence, message: toHex(o.message), tries: o.tries }, 'VISCA-over-IP message unanswered, giving up');
        this.forget(o.sequence);
        return;
      }
      o.tries++;
      this.stats.retransmissions++;
      this.send(o.datagram);
      this.arm(o);
    });
  }

  private send(datagram: Uint8Array): void {
    this.stats.sent++;
    // Errors come back through the socket's 'error' event (port unreachable), not here.
    this.socket?.send(datagram, () => undefined);
  }

  private forget(sequence: number): void {
    this.outstanding.get(sequence)?.timer?.cancel();
    this.outstanding.delete(sequence);
  }

  private receive(datagram: Uint8Array): void {
    const packet = decodeViscaIp(datagram);
    if (packet.kind === 'invalid') return void this.emit('noise', `VISCA-over-IP datagram: ${packet.reason}`);
    if (packet.type === 'reply') return this.reply(packet);
    if (packet.type === 'controlReply') return this.controlReply(packet);
    this.emit('noise', `the camera sent a ${packet.type} packet`);
  }

  private reply(packet: ViscaIpPacket): void {
    const o = this.outstanding.get(packet.sequence);
    if (!o) {
      // A late answer to a message given up on, or to one from before a RESET: not ours any more.
      this.stats.staleReplies++;
      return;
    }
    o.heard = true;
    o.timer?.cancel();
    const isAck = packet.payload[1] !== undefined && packet.payload[1] >> 4 === 0x4;
    if (isAck) {
      // A retransmitted message can be acknowledged twice; the channel must see one ACK.
      if (o.acked) return void this.stats.duplicateReplies++;
      o.acked = true;
    } else {
      this.forget(o.sequence);
    }
    this.emit('frame', packet.payload);
  }

  private controlReply(packet: ViscaIpPacket): void {
    const { payload, sequence } = packet;
    if (sameBytes(payload, VISCA_IP_CONTROL.reset)) return this.resetWaiter?.resolve();
    const o = this.outstanding.get(sequence);
    if (!o) return void this.stats.staleReplies++;
    this.forget(sequence);
    if (sameBytes(payload, VISCA_IP_CONTROL.sequenceError)) {
      this.stats.sequenceErrors++;
      if (!o.resynced) {
        // The camera counts from somewhere else (it restarted, or another controller spoke):
        // start both ends again and send the message once more; it was not executed.
        this.o.log.info({ sequence }, 'VISCA-over-IP sequence error; sending RESET and trying again');
        this.reset().then(
          () => this.socket && this.transmit(o.message, true),
          (err: RoomctlError) => this.emit('rejected', o.message, err),
        );
        return;
      }
      return void this.emit(
        'rejected',
        o.message,
        new RoomctlError('ROOMCTL_E_PROTOCOL', `camera rejected sequence number ${sequence} even after RESET`, { control: 'sequence_error', sequence }),
      );
    }
    if (sameBytes(payload, VISCA_IP_CONTROL.messageError)) {
      return void this.emit(
        'rejected',
        o.message,
        new RoomctlError('ROOMCTL_E_DEVICE_REJECTED', `camera reports message ${toHex(o.message)} as abnormal`, { control: 'message_error', sequence }),
      );
    }
    this.emit('noise', `unknown control reply ${toHex(payload)}`);
  }
}
