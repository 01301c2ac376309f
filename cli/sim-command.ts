import { describeQuirks } from '../drivers/sim/quirk-options.js';
import { findSimulator, loadSimulators } from '../drivers/sim/simulators.js';
import { didYouMean } from '../appliance/config/did-you-mean.js';
import { SIM_USAGE } from './command-usage.js';
import { waitForShutdown } from './shutdown.js';

/**
 * `roomctl sim DRIVER --key value ...`: one simulator in the foreground until Ctrl-C.
 * `--quirks a,b` plays named quirk profiles of real devices (slow replies, lock-outs…).
 */
export async function simCommand(args: string[]): Promise<number> {
  const [driver, ...rest] = args;
  const simulator = driver ? await findSimulator(driver) : undefined;
  if (!simulator) {
    const simulators = await loadSimulators();
    const ids = simulators.map((s) => s.driver);
    const problem = driver ? `no simulator for "${driver}"${didYouMean(driver, ids)}` : 'which driver?';
    const drivers = simulators.map((s) => `  ${s.driver}${s.quirks?.length ? ` (--quirks ${describeQuirks(s.quirks)})` : ''}`).join('\n');
    process.stderr.write(`roomctl sim: ${problem}\n\n${SIM_USAGE}Drivers with a simulator:\n${drivers}\n`);
    return 2;
  }
  const options: Record<string, string> = {};
  for (let i = 0; i < rest.length; i += 2) {
    const key = rest[i]!;
    if (!key.startsWith('--') || rest[i + 1] === undefined) {
      process.stderr.write(`roomctl sim: expected --option value pairs, got "${key}"\n\n${SIM_USAGE}`);
      return 2;
    }
    options[key.slice(2)] = rest[i + 1]!;
  }
  if (options.quirks !== undefined && !simulator.quirks?.length) {
    process.stderr.write(`roomctl sim: the ${driver} simulator has no quirk profiles\n`);
    return 2;
  }
  let running;
  try {
    running = await simulator.start(options);
  } catch (err) {
    // A bad option (an unknown quirk profile lists the ones there are) is the user's to fix, not a crash.
    if (!(err instanceof RangeError)) throw err;
    process.stderr.write(`roomctl sim ${driver}: ${err.message}\n`);
    return 2;
  }
  const quirks = options.quirks ? ` with quirks ${options.quirks}` : '';
  for (const name of options.quirks?.split(',') ?? []) {
    const profile = simulator.quirks?.find((p) => p.name === name.trim());
    if (profile) process.stdout.write(`quirk ${profile.name}: ${profile.description} (source: ${profile.source})\n`);
  }
  process.stdout.write(`${simulator.description}\nsimulating ${driver}${quirks} at ${JSON.stringify(running.endpoint)} — Ctrl-C to stop\n`);
  await waitForShutdown(() => running.close());
  return 0;
}
