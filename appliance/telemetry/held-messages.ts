/** One telemetry message with its place in the outbox's order (`seq`), on disk or held in memory. */
export interface OutboxMessage {
  seq: number;
  topic: string;
  payload: Buffer;
  qos: 0 | 1;
  retain: boolean;
  /** ms since the epoch, when it was enqueued */
  createdAt: number;
}

/** What the room holds in memory while its disk refuses the outbox's writes. */
export const HELD_MESSAGES_MAX = 1000;
export const HELD_BYTES_MAX = 1024 * 1024;

/** A message's weight against the byte bound: what goes on the wire. */
function sizeOf(message: OutboxMessage): number {
  return message.payload.length + Buffer.byteLength(message.topic);
}

/**
 * The outbox's messages its disk could not take, in seq order, bounded in count and bytes.
 * A retained message replaces the one held for its topic (the fleet only needs a device's
 * newest state), so retained states take one place per topic however often they change.
 * Past a bound the oldest event goes first (the newest matter most, as on disk); retained
 * states go only when nothing else is left to let go.
 */
export class HeldMessages {
  /** By seq; a Map keeps the order they were held in, which is seq order. */
  private readonly bySeq = new Map<number, OutboxMessage>();
  private readonly retainedByTopic = new Map<string, number>();
  private bytes = 0;

  constructor(readonly bounds: { maxMessages: number; maxBytes: number } = { maxMessages: HELD_MESSAGES_MAX, maxBytes: HELD_BYTES_MAX }) {}

  get size(): number {
    return this.bySeq.size;
  }

  get byteSize(): number {
    return this.bytes;
  }

  /** Holds `message` (its seq above every one held); returns how many held messages the bounds let go. */
  hold(message: OutboxMessage): number {
    if (message.retain) {
      const older = this.retainedByTopic.get(message.topic);
      if (older !== undefined) this.remove(older);
      this.retainedByTopic.set(message.topic, message.seq);
    }
    this.bySeq.set(message.seq, message);
    this.bytes += sizeOf(message);
    let lost = 0;
    while (this.bySeq.size > this.bounds.maxMessages || this.bytes > this.bounds.maxBytes) {
      this.remove(this.oldestEvent() ?? this.bySeq.keys().next().value!);
      lost++;
    }
    return lost;
  }

  /** Up to `limit` held messages after `seq`, oldest first. */
  after(seq: number, limit: number): OutboxMessage[] {
    const found: OutboxMessage[] = [];
    for (const message of this.bySeq.values()) {
      if (found.length >= limit) break;
      if (message.seq > seq) found.push(message);
    }
    return found;
  }

  /** The broker acknowledged every message up to `seq`: they are no longer held. */
  acknowledgeThrough(seq: number): void {
    for (const held of this.bySeq.keys()) {
      if (held > seq) break;
      this.remove(held);
    }
  }

  /**
   * Lets go of every message enqueued before `cutoff` (ms since the epoch), retained states
   * too: the outbox's own age limit for its rows, so a message is never sent older than a row
   * would be. Returns how many went.
   */
  expireBefore(cutoff: number): number {
    let expired = 0;
    for (const message of [...this.bySeq.values()]) {
      if (message.createdAt >= cutoff) continue;
      this.remove(message.seq);
      expired++;
    }
    return expired;
  }

  /** Every held message, oldest first (to write them to the outbox once the disk has room). */
  all(): OutboxMessage[] {
    return [...this.bySeq.values()];
  }

  clear(): void {
    this.bySeq.clear();
    this.retainedByTopic.clear();
    this.bytes = 0;
  }

  private oldestEvent(): number | undefined {
    for (const message of this.bySeq.values()) if (!message.retain) return message.seq;
    return undefined;
  }

  private remove(seq: number): void {
    const message = this.bySeq.get(seq);
    if (!message) return;
    this.bySeq.delete(seq);
    this.bytes -= sizeOf(message);
    if (message.retain && this.retainedByTopic.get(message.topic) === seq) this.retainedByTopic.delete(message.topic);
  }
}
