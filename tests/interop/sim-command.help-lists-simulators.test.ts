import { expect, it } from 'vitest';
import { loadSimulators } from '../../drivers/sim/simulators.js';
import { runCli } from '../helpers/cli.js';

/** `roomctl sim --help` is the reference IT reads: every driver with a simulator, its options and its quirk profiles. */
it('lists every simulator with each option it takes and each quirk profile it plays, exit 0', async () => {
  const result = await runCli(['sim', '--help']);

  expect(result.code).toBe(0);
  expect(result.stdout).toMatch(/^Usage: roomctl sim DRIVER/);
  const simulators = await loadSimulators();
  expect(simulators.length).toBeGreaterThanOrEqual(10);
  for (const simulator of simulators) {
    const at = result.stdout.indexOf(`\n  ${simulator.driver} — ${simulator.description}\n`);
    expect(at, simulator.driver).toBeGreaterThan(0);
    const section = result.stdout.slice(at + 1).split('\n\n')[0]!;
    for (const option of simulator.options) expect(section, `${simulator.driver} --${option.name}`).toContain(`    --${option.name} ${option.value} `);
    for (const quirk of simulator.quirks ?? []) expect(section, `${simulator.driver} ${quirk.name}`).toMatch(new RegExp(`\\n      ${quirk.name} +\\S`));
  }
  expect(result.stdout).toContain('--serialPath PATH     RS-232 on this PTY end');
  expect(result.stdout).toContain('(also --port PATH)');
});
