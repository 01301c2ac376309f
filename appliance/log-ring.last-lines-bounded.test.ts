/**
 * The admin view's log is a ring: a device or a client that makes the room log without end
 * (each line already paced by the log throttle) costs it its last lines, never more memory.
 */
import { expect, it } from 'vitest';
import { LogRing } from './log-ring.js';

it('keeps its last 500 lines, each cut to 500 characters, the oldest falling off', () => {
  const ring = new LogRing();
  for (let i = 0; i < 520; i++) ring.write(`${JSON.stringify({ level: 40, time: 0, msg: `line ${i} ${'x'.repeat(1_000)}`, device: 'display' })}\n`);
  const lines = ring.recent(10_000);
  expect(lines).toHaveLength(500);
  expect(lines[0]!.msg).toMatch(/^line 20 x/);
  expect(lines.at(-1)!.msg).toMatch(/^line 519 x/);
  expect(Math.max(...lines.map((l) => l.msg.length))).toBe(500);
});
