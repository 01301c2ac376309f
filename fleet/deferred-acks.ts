import type { MqttClient } from 'mqtt';
import { RoomctlError } from '../drivers/core/errors.js';

type SendPacket = (packet: { cmd: string; messageId?: number }, cb?: (err?: Error) => void, ...rest: unknown[]) => void;

/**
 * Holds a QoS 1 message's PUBACK until the fleet has committed it, so an instance killed -9
 * loses nothing: what it had not committed it had not acknowledged, and the broker delivers
 * it again (to this instance's persistent session, or — on brokers that do so — to another
 * member of the share group). Commits are batched, so many acknowledgements are outstanding
 * at once: the broker's in-flight window (MQTT 5 Receive Maximum, Mosquitto's
 * max_inflight_messages) must be at least a batch.
 *
 * mqtt.js (5.16) has no public "acknowledge later, read on meanwhile". Its public hooks —
 * `handleMessage(packet, callback)` and the MQTT 5 `customHandleAcks(topic, message, packet,
 * done)` — do delay the PUBACK until called back, but mqtt.js reads the next packet only after
 * that PUBACK is written: holding either one until the commit would hold the whole connection,
 * one message per commit, and no batch could form. (`handleMessage` serves as what it is,
 * backpressure: the fleet holds it while its ingest queue is full.) So the client's private
 * packet writer `_sendPacket` is wrapped: a PUBACK for a held message is kept (and mqtt.js told
 * it went, so it reads on), and sent when the message is committed. The constructor throws if
 * that method is gone, and `deferred-acks.private-send-packet.test.ts` proves against a real
 * broker that a held PUBACK is not sent and a released one is: an mqtt.js upgrade that changes
 * it fails there, loudly, rather than acknowledging messages before they are stored.
 * A connection that closes drops what is held: the new connection's broker delivers those
 * messages again, and the writes are idempotent.
 */
export class DeferredAcks {
  /** messageId → the PUBACK, once mqtt.js produced it; null while it has not yet. */
  private readonly held = new Map<number, { cmd: string; messageId?: number } | null>();
  private readonly send: SendPacket;
  private generation = 0;

  constructor(private readonly client: MqttClient) {
    // A private method of mqtt.js 5 (see above): typed here as it is used.
    const internals = client as unknown as { _sendPacket?: SendPacket };
    if (typeof internals._sendPacket !== 'function') {
      throw new RoomctlError(
        'ROOMCTL_E_INTERNAL',
        'this mqtt.js has no _sendPacket: the fleet cannot hold PUBACKs until its commits (fleet/deferred-acks.ts needs a new way for this mqtt.js version)',
      );
    }
    this.send = internals._sendPacket.bind(client);
    internals._sendPacket = (packet: { cmd: string; messageId?: number }, cb?: (err?: Error) => void, ...rest: unknown[]) => {
      if (packet.cmd === 'puback' && packet.messageId !== undefined && this.held.has(packet.messageId)) {
        this.held.set(packet.messageId, packet);
        cb?.();
        return;
      }
      this.send(packet, cb, ...rest);
    };
    client.on('close', () => {
      this.held.clear();
      this.generation++;
    });
  }

  /** Call from the 'message' handler: returns the function that sends the message's PUBACK. */
  hold(packet: { qos: number; messageId?: number }): () => void {
    const id = packet.messageId;
    if (packet.qos !== 1 || id === undefined) return () => undefined;
    this.held.set(id, null);
    const generation = this.generation;
    return () => {
      if (generation !== this.generation) return;
      const puback = this.held.get(id);
      this.held.delete(id);
      if (puback && this.client.connected) this.send(puback);
    };
  }

  get outstanding(): number {
    return this.held.size;
  }
}
