import { randomUUID } from 'node:crypto';
import { LINK_BOUNDS, type LinkChange, type LinkRecord, type RoomKey } from '../../contract/link-records.js';
import { linkTopics } from '../../contract/link-topics.js';
import type { LinkStore } from './link-store.js';
import { PROOFS_KEPT, RESEND_DELAY_MS } from './link-timings.js';
import type { RecordSender } from './record-sender.js';

interface OwnRecordsDeps {
  self: RoomKey;
  store: LinkStore;
  sender: RecordSender;
  now(): Date;
  /** This room's proof that it holds the meeting of a link (link-key.ts), if it holds it now. */
  proofOf(link: string): string | undefined;
  /** A record of this room was stored on the link: what was folded of it is stale. */
  stored(link: string): void;
}

/**
 * This room's records on each link: stored once by id, put in the outbox, and sent all again
 * when another room (re)joins, since it may have missed them.
 */
export class OwnRecords {
  /** Per link, the re-send waiting, and the joins it answers. */
  private readonly resends = new Map<string, { timer: NodeJS.Timeout; joins: Set<string> }>();
  private readonly proofs = new Map<string, string>();

  constructor(private readonly deps: OwnRecordsDeps) {}

  /** Stores one of this room's records and puts it in the outbox; a fact already sent (same id) is not sent again (undefined). */
  publish(link: string, change: LinkChange, id: string = randomUUID(), at: string = this.deps.now().toISOString()): LinkRecord | undefined {
    const record = { id, link, room: this.deps.self, at, ...change } as LinkRecord;
    if (!this.deps.store.insert(record)) return undefined;
    this.deps.stored(link);
    this.send(record);
    return record;
  }

  /**
   * Puts a record in the outbox with this room's proof that it holds the meeting (made as it
   * leaves: records stored before it had one get it too) and, for a join re-sent, the joins its re-send answers.
   */
  send(record: LinkRecord, resentFor?: readonly string[]): void {
    const proof = this.proofOf(record.link);
    const payload = JSON.stringify({ ...record, ...(proof === undefined ? {} : { proof }), ...(resentFor ? { resentFor } : {}) });
    this.deps.sender.enqueue(linkTopics.records(this.deps.self, record.link), payload, { qos: 1, retain: false });
  }

  /**
   * A room (re)joined (`join`, its room.joined's id): it may have missed records (it was away, or
   * the broker lost them), so this room sends its own again — once for a burst of joins (fifty
   * rooms starting), not once each — its joins saying which joins it answers (`resentFor`).
   */
  resendSoon(link: string, join: string): void {
    const waiting = this.resends.get(link);
    if (waiting) {
      // The joins one re-send names are as many as a record may carry: a burst of more is answered without naming the rest, so those rooms re-send as before.
      if (waiting.joins.size < LINK_BOUNDS.joinsAnswered) waiting.joins.add(join);
      return;
    }
    const joins = new Set([join]);
    const timer = setTimeout(() => {
      this.resends.delete(link);
      // Only its joins say which joins the re-send answers: a room decides by them alone whether to re-send in turn.
      const resentFor = [...joins];
      const own = this.deps.store.records(link, this.deps.self);
      for (const record of own) this.send(record, record.kind === 'room.joined' ? resentFor : undefined);
      // Its latest join once more, last: the room that joined knows from it that this re-send is complete.
      const lastJoin = own.findLast((r) => r.kind === 'room.joined');
      if (lastJoin) this.send(lastJoin, resentFor);
    }, RESEND_DELAY_MS);
    timer.unref();
    this.resends.set(link, { timer, joins });
  }

  /** Made once per link: a re-send of thousands of records asks for the meeting once. */
  private proofOf(link: string): string | undefined {
    let proof = this.proofs.get(link);
    if (proof === undefined) {
      proof = this.deps.proofOf(link);
      if (proof === undefined) return undefined;
      if (this.proofs.size >= PROOFS_KEPT) this.proofs.clear();
      this.proofs.set(link, proof);
    }
    return proof;
  }

  /** Stops the re-sends still waiting. */
  stop(): void {
    for (const { timer } of this.resends.values()) clearTimeout(timer);
    this.resends.clear();
  }
}
