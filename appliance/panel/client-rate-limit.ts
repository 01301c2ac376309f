import { RoomctlError } from '../../drivers/core/errors.js';

/**
 * At most `limit` calls per client within `windowMs` (a sliding window of call times). For
 * routes anyone may call, such as pairing: one noisy client is slowed down while every other
 * client goes on as before. The table of clients is bounded too — the oldest client is
 * forgotten first — so a flood of addresses cannot grow the memory.
 */
export class ClientRateLimit {
  private readonly calls = new Map<string, number[]>();

  constructor(
    readonly limit: number,
    readonly windowMs: number,
    private readonly now: () => number = Date.now,
    private readonly maxClients = 1000,
  ) {}

  /** Counts a call; throws ROOMCTL_E_RATE_LIMITED (with retryAfterSeconds) when the client is over its limit. `from` names the client in the refusal. */
  take(client: string, what: string, from = 'this client'): void {
    const now = this.now();
    const recent = (this.calls.get(client) ?? []).filter((t) => t > now - this.windowMs);
    // Re-inserting keeps the map in order of last use, so the first key is the one to forget:
    // a client refused again is heard from now, and stays held to its limit.
    this.calls.delete(client);
    this.calls.set(client, recent);
    if (recent.length >= this.limit) {
      const seconds = Math.max(1, Math.ceil((recent[0]! + this.windowMs - now) / 1000));
      throw new RoomctlError('ROOMCTL_E_RATE_LIMITED', `Too many ${what} from ${from}: try again in ${seconds} s`, { retryAfterSeconds: seconds });
    }
    recent.push(now);
    if (this.calls.size > this.maxClients) this.calls.delete(this.calls.keys().next().value!);
  }
}
