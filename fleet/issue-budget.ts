/**
 * How many issues one room's events may open a minute, on the fleet's clock (the room's own
 * times are whatever it writes). Every problem report, help call and failed self-test check
 * opens an issue under the id the room gives it, and a fault raised and cleared at once still
 * leaves one: without a bound a room whose broker login was stolen opens thousands a minute,
 * each on the facilities desk and in its alerts. Past it the event is kept, its issue not opened.
 */
export const ISSUES_PER_ROOM_PER_MINUTE = 20;

const MINUTE_MS = 60_000;

export class IssueBudget {
  /** room key → when its last issues were opened (at most ISSUES_PER_ROOM_PER_MINUTE, oldest first). */
  private readonly opened = new Map<string, number[]>();

  /** Whether `room` may open one more issue at `now`, counting it when it may. */
  take(room: string, now: number): boolean {
    const recent = (this.opened.get(room) ?? []).filter((at) => now - at < MINUTE_MS);
    if (recent.length >= ISSUES_PER_ROOM_PER_MINUTE) {
      this.opened.set(room, recent);
      return false;
    }
    recent.push(now);
    this.opened.set(room, recent);
    return true;
  }
}
