import { expect, it } from 'vitest';
import { ManualClock } from '../testing/manual-clock.js';
import { KeyboardWedge } from './keyboard-wedge.js';

it('reads letters with shift, ignores held keys and rollover errors, ends on Enter', () => {
  const badges: string[] = [];
  const wedge = new KeyboardWedge((id) => badges.push(id), { clock: new ManualClock() });
  const report = (mod: number, ...keys: number[]) => Uint8Array.from([mod, 0, ...keys, ...Array(6 - keys.length).fill(0)]);
  wedge.push(report(0x02, 0x04)); // A (left shift)
  wedge.push(report(0x02, 0x04)); // still held: not a second A
  wedge.push(report(0, 0x04, 0x05)); // b pressed while a held
  wedge.push(report(0, 0x01, 0x01, 0x01, 0x01, 0x01, 0x01)); // rollover error: ignored
  wedge.push(report(0, 0x1e, 0x1f)); // 1 and 2
  wedge.push(report(0, 0x28)); // Enter
  expect(badges).toEqual(['Ab12']);
});
