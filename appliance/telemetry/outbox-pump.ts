import type { TelemetryOutbox } from './outbox.js';

/** The part of an MQTT client the pump needs; `done` fires on PUBACK (QoS 1) or when written (QoS 0). */
export interface OutboxPublisher {
  readonly connected: boolean;
  publish(topic: string, payload: Buffer, options: { qos: 0 | 1; retain: boolean }, done: (error?: Error) => void): void;
}

/**
 * Sends the outbox in sequence order with a bounded window of unacknowledged messages, and
 * deletes rows only once the broker acknowledged them (contiguously, so a crash never skips
 * one). After a disconnect the client's own session store resends what was in flight
 * before anything new (mqtt.js flushes its store before it emits 'connect'), so the pump only
 * has to stop feeding while disconnected and carry on afterwards.
 *
 * Delivery is at least once: a message acknowledged by the broker but not yet deleted when
 * the process dies is sent again after restart. Events carry ids so receivers de-duplicate.
 */
export class OutboxPump {
  /** Highest seq handed to the client. */
  private sentThrough = 0;
  /** In-flight messages in seq order → acknowledged yet? */
  private readonly inflight = new Map<number, boolean>();
  private ackedThrough = 0;
  private deleteScheduled = false;
  private needsReplay = false;
  private stopped = false;

  constructor(
    private readonly outbox: TelemetryOutbox,
    private readonly publisher: OutboxPublisher,
    private window = 100,
  ) {
    outbox.on('enqueued', this.kick);
  }

  /** Messages handed to the client and not yet acknowledged. */
  get inFlight(): number {
    return this.inflight.size;
  }

  /** The broker limits in-flight QoS 1 messages (MQTT 5 receive maximum); stay within it. */
  limitWindow(receiveMaximum: number | undefined): void {
    if (receiveMaximum && receiveMaximum > 0) this.window = Math.min(this.window, receiveMaximum);
  }

  /** Call on every (re)connect, after the client's own resends ('connect' in mqtt.js). */
  connected(): void {
    if (this.needsReplay) {
      // A publish failed outright (client ended, store error): send again from the first unacknowledged one.
      this.needsReplay = false;
      this.inflight.clear();
      this.sentThrough = this.ackedThrough;
    }
    this.kick();
  }

  /** Call with a new client (no session of ours in it): everything unacknowledged goes again. */
  restartFromStore(): void {
    this.inflight.clear();
    this.ackedThrough = 0;
    this.sentThrough = 0;
  }

  stop(): void {
    this.stopped = true;
    this.outbox.off('enqueued', this.kick);
    this.flushDeletes();
  }

  readonly kick = (): void => {
    if (this.stopped || !this.publisher.connected || this.needsReplay) return;
    while (this.inflight.size < this.window) {
      const batch = this.outbox.after(this.sentThrough, this.window - this.inflight.size);
      if (batch.length === 0) return;
      for (const message of batch) {
        this.inflight.set(message.seq, false);
        this.sentThrough = message.seq;
        this.publisher.publish(message.topic, message.payload, { qos: message.qos, retain: message.retain }, (error) => this.done(message.seq, error));
      }
    }
  };

  private done(seq: number, error: Error | undefined): void {
    if (!this.inflight.has(seq)) return;
    if (error) {
      this.needsReplay = true;
      return;
    }
    this.inflight.set(seq, true);
    for (const [inflightSeq, acked] of this.inflight) {
      if (!acked) break;
      this.inflight.delete(inflightSeq);
      this.ackedThrough = inflightSeq;
    }
    if (!this.deleteScheduled) {
      // One DELETE (one fsync) per burst of acknowledgements, not per message.
      this.deleteScheduled = true;
      setImmediate(() => {
        this.flushDeletes();
        this.kick();
      });
    }
  }

  private flushDeletes(): void {
    this.deleteScheduled = false;
    if (this.ackedThrough > 0) this.outbox.acknowledgeThrough(this.ackedThrough);
  }
}
