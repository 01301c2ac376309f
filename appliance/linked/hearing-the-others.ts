import type { LinkRecord, RoomKey } from '../../contract/link-records.js';
import { ALONE_AFTER_MS, HEAR_THE_OTHERS_MS, RESENDS_AT_MOST_MS } from './link-timings.js';

interface Join {
  /** The latest room.joined this room sent on the link. */
  record: LinkRecord;
  sentAt: number;
  /** When the latest join came back from the broker. */
  echoedAt?: number;
  /** The rooms whose re-send ended (their own join again, last) since then. */
  resent: Set<RoomKey>;
}

/**
 * Whether this room has heard the other rooms of each linked meeting — enough to decide alone
 * what only one room does. Counted from the moment its own room.joined came back to it over its
 * link connection (it is on the broker then, so the others have it), not from the moment it was
 * written: the records leave through the telemetry outbox, whose connection may come up seconds
 * after the link's on a busy machine. Then it waits for the re-send of every room it knows to be
 * online to end — each ends its re-send with its own join — however long that takes on a busy
 * machine (up to RESENDS_AT_MOST_MS), and at least HEAR_THE_OTHERS_MS for rooms it does not know.
 */
export class HearingTheOthers {
  private readonly joins = new Map<string, Join>();
  /** When this room first took part in each link since it started, joined or not yet (its subscription not confirmed). */
  private readonly since = new Map<string, number>();
  /** Links heard once: they stay heard for the life of the process (a reconnect does not re-open the question). */
  private readonly heard = new Set<string>();

  constructor(private readonly now: () => number) {}

  /** This room takes part in a link (it says so once its subscription is in place): from now, it decides alone after a minute at the latest. */
  takesPart(link: string): void {
    if (!this.since.has(link)) this.since.set(link, this.now());
  }

  /** This room said it takes part in a link (sent `record`, a room.joined). */
  joining(record: LinkRecord): void {
    this.takesPart(record.link);
    this.joins.set(record.link, { record, sentAt: this.now(), resent: new Set() });
  }

  /** Whether this room waits for its own join to come back on this link (only then is an own record worth reading). */
  awaitsEcho(link: string): boolean {
    const join = this.joins.get(link);
    return join !== undefined && join.echoedAt === undefined && !this.heard.has(link);
  }

  /** One of this room's own records came back from the broker. */
  echoed(link: string, id: string): void {
    const join = this.joins.get(link);
    if (join && join.record.id === id && join.echoedAt === undefined) join.echoedAt = this.now();
  }

  /** Another room's room.joined arrived (new, or again at the end of its re-send). */
  joinOf(link: string, room: RoomKey): void {
    const join = this.joins.get(link);
    if (join?.echoedAt !== undefined) join.resent.add(room);
  }

  /** Heard the others of a link, `online` being the other rooms known to hold it that are on the broker. */
  heardTheOthers(link: string, online: readonly RoomKey[]): boolean {
    if (this.heard.has(link)) return true;
    const since = this.since.get(link);
    if (since === undefined) return false;
    const at = this.now();
    const join = this.joins.get(link);
    if (join?.echoedAt === undefined) return at - since >= ALONE_AFTER_MS;
    const listened = at - join.echoedAt;
    if (listened < HEAR_THE_OTHERS_MS) return false;
    if (listened < RESENDS_AT_MOST_MS && !online.every((r) => join.resent.has(r))) return false;
    this.heard.add(link);
    return true;
  }

  /** What the decision rests on, for the log. */
  facts(link: string): { joinedAt?: string; echoedAt?: string; resent: RoomKey[]; heard: boolean } {
    const join = this.joins.get(link);
    const iso = (ms: number | undefined) => (ms === undefined ? undefined : new Date(ms).toISOString());
    return { joinedAt: iso(join?.sentAt), echoedAt: iso(join?.echoedAt), resent: [...(join?.resent ?? [])], heard: this.heard.has(link) };
  }
}
