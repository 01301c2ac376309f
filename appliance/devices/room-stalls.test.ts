import { expect, it } from 'vitest';
import { holdUp } from '../../drivers/testing/room-held-up.js';
import { watchRoomStalls } from './room-stalls.js';

it("a stall the room is in when it reads the answer is the room's, not the device's", () => {
  const watch = watchRoomStalls();
  holdUp(300);
  // Read right as the room runs again: the answer may have waited through the whole stall.
  expect(watch.stop()).toBeGreaterThan(250);
  expect(watch.stop()).toBe(watch.stop());
  // Whole milliseconds, as reply times are shown ("answers in 310 ms", never "310.4").
  expect(Number.isInteger(watch.stop())).toBe(true);
});

it("a stall the room came out of before the answer came delayed nothing: the wait is all the device's", async () => {
  const watch = watchRoomStalls();
  holdUp(300);
  // Free turns of the event loop since, in which the answer was not there yet.
  await new Promise((resolve) => setTimeout(resolve, 60));
  expect(watch.stop()).toBeLessThan(100);
});
