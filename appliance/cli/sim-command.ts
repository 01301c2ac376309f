import { findSimulator, SIMULATORS } from '../../drivers/sim/simulators.js';
import { didYouMean } from '../config/did-you-mean.js';
import { SIM_USAGE } from './command-usage.js';
import { waitForShutdown } from './shutdown.js';

/** `roomctl sim DRIVER --key value ...`: one simulator in the foreground until Ctrl-C. */
export async function simCommand(args: string[]): Promise<number> {
  const [driver, ...rest] = args;
  const simulator = driver ? findSimulator(driver) : undefined;
  if (!simulator) {
    const ids = SIMULATORS.map((s) => s.driver);
    const problem = driver ? `no simulator for "${driver}"${didYouMean(driver, ids)}` : 'which driver?';
    process.stderr.write(`roomctl sim: ${problem}\n\n${SIM_USAGE}Drivers with a simulator: ${ids.join(', ')}\n`);
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
  const running = await simulator.start(options);
  process.stdout.write(`${simulator.description}\nsimulating ${driver} at ${JSON.stringify(running.endpoint)} — Ctrl-C to stop\n`);
  await waitForShutdown(() => running.close());
  return 0;
}
