/**
 * The CPU a benchmark round reports per process: a process that exits before the round's last
 * reading (a load generator done early or failed) has no figure — unknown — where a reading of
 * 0 once made its CPU over the window negative.
 */
import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { expect, it } from 'vitest';
import { childCpuSeconds, coresBetween, cpuSeconds } from './proc-cpu.js';

it('a process that exited before the last reading has an unknown CPU figure, never a negative one', async () => {
  // A child that lives until its stdin closes: it exits between the two readings.
  const child = spawn(process.execPath, ['-e', 'process.stdin.resume(); process.stdin.on("end", () => process.exit(0));'], {
    stdio: ['pipe', 'ignore', 'ignore'],
  });
  await once(child, 'spawn');
  const pid = child.pid!;
  const before = childCpuSeconds(child);
  expect(before).toBeGreaterThanOrEqual(0);

  child.stdin.end();
  await once(child, 'exit');
  const after = childCpuSeconds(child);
  expect(after).toBeUndefined();
  expect(cpuSeconds(pid)).toBeUndefined();
  expect(coresBetween(before, after, 10)).toBeNull();
});

it('cores between two readings of one live process; unknown when the total went down (not the same process)', () => {
  expect(coresBetween(1.5, 4.5, 2)).toBe(1.5);
  expect(coresBetween(4.5, 1.5, 2)).toBeNull();
  expect(coresBetween(undefined, 1, 2)).toBeNull();
});
