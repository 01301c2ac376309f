import { afterEach, expect, it } from 'vitest';
import { linkTopics } from '../../contract/link-topics.js';
import type { RoomFixture } from '../meetings/testing/room-fixture.js';
import { linkKeyOf } from './link-key.js';
import { holdingTheInvite } from './testing/linked-room-fixture.js';

/**
 * A room's join leaves through its telemetry outbox, while it hears the others on the link's own
 * connection. Sent before the broker had the link's subscription to the meeting, the join — and the
 * re-send the other rooms answer it with — would pass this room by. So the room says it takes part
 * only once the broker confirmed that subscription (its SUBACK); nothing else waits for it.
 */
const fixtures: RoomFixture[] = [];
afterEach(async () => {
  for (const fx of fixtures.splice(0)) await fx.close();
});

it("says it takes part in a meeting only once the broker confirmed the link's subscription to it, and once", async () => {
  const confirmed = new Set<string>();
  const asked: string[] = [];
  const aurora = holdingTheInvite(fixtures, { minutes: 60, title: 'Across sites' }, ['hq/aurora', 'Aurora'], {
    subscribe: (topic) => {
      asked.push(topic);
      return confirmed.has(topic);
    },
  });
  const meetingTopic = linkTopics.allRecords(linkKeyOf(aurora.ctx.meetings.get(aurora.meeting)!.occurrenceKey));
  const kinds = () => aurora.sent().map((r) => r.kind);

  aurora.rooms.connected(); // the link's connection is up; it subscribes to the meeting
  expect(asked).toContain(meetingTopic);
  // Not listening yet: its health and clock go out (a re-send brings them again), its join does not.
  const before = kinds();
  expect(before).not.toContain('room.joined');
  expect(before).toContain('room.health');
  await aurora.fx.advance(5000);
  aurora.rooms.sync();
  expect(kinds()).not.toContain('room.joined');

  // The SUBACK came: the wiring syncs, and the join goes out.
  confirmed.add(meetingTopic);
  aurora.rooms.sync();
  expect(kinds()).toEqual(['room.joined']);
  // Its echo not heard yet, seconds later: the join is not sent again (nothing was missed).
  await aurora.fx.advance(5000);
  aurora.rooms.sync();
  expect(kinds()).toEqual([]);
});
