/**
 * How many events one room may have stored a minute, on the fleet's clock (the room's own
 * times are whatever it writes). A room sends a few hundred events a day (meetings, calls,
 * feedback, faults); without a bound a room whose broker login was stolen publishes thousands a
 * second under new ids, and each one is a row. Past the bound an event is counted on its room,
 * not stored (fleet_rooms.events_held_back).
 */
const DEFAULT_ROOM_EVENTS_PER_MINUTE = 60;

/**
 * A room may send this many minutes' worth at once (a day's: 86,400 events at the default): a
 * room back from a broker outage sends what it queued meanwhile in one go, and that backlog must
 * be stored, not counted away — a normal week is well under a thousand events, but a device that
 * flapped through a long outage queues thousands (the store-and-forward tests send 10,000).
 */
export const ROOM_EVENT_BACKLOG_MINUTES = 24 * 60;

const MINUTE_MS = 60_000;

/**
 * One token bucket per room: full at `perMinute × ROOM_EVENT_BACKLOG_MINUTES`, refilled at
 * `perMinute` a minute. Each instance of a fleet sharing PostgreSQL keeps its own buckets (the
 * broker splits a room's messages between them), and a restart fills them again.
 */
export class EventBudget {
  private readonly buckets = new Map<string, { tokens: number; at: number }>();
  private readonly burst: number;

  constructor(readonly perMinute = DEFAULT_ROOM_EVENTS_PER_MINUTE) {
    this.burst = perMinute * ROOM_EVENT_BACKLOG_MINUTES;
  }

  /** Whether `room` may have one more event stored at `now`, counting it when it may. */
  take(room: string, now: number): boolean {
    const bucket = this.buckets.get(room) ?? { tokens: this.burst, at: now };
    bucket.tokens = Math.min(this.burst, bucket.tokens + (Math.max(0, now - bucket.at) * this.perMinute) / MINUTE_MS);
    bucket.at = Math.max(bucket.at, now);
    this.buckets.set(room, bucket);
    if (bucket.tokens < 1) return false;
    bucket.tokens--;
    return true;
  }

  /** Events taken and then not stored after all (a resend of a stored one, a batch rolled back) cost nothing. */
  giveBack(room: string, events = 1): void {
    const bucket = this.buckets.get(room);
    if (bucket) bucket.tokens = Math.min(this.burst, bucket.tokens + events);
  }
}
