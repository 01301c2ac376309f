import { isRoomctlError } from '../drivers/core/errors.js';
import { describeQuirks } from '../drivers/sim/quirk-options.js';
import type { SimulatorDefinition } from '../drivers/sim/simulator.js';
import { findSimulator, loadSimulators } from '../drivers/sim/simulators.js';
import { didYouMean } from '../appliance/config/did-you-mean.js';
import { SIM_USAGE } from './command-usage.js';
import { simulatorUsage } from './sim-usage.js';
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
    process.stderr.write(`roomctl sim: ${problem}\n\n${SIM_USAGE}Drivers with a simulator (roomctl sim --help lists their options):\n${drivers}\n`);
    return 2;
  }
  const read = readOptions(simulator, rest);
  if ('problem' in read) {
    process.stderr.write(`roomctl sim ${simulator.driver}: ${read.problem}\n\n${read.usage ?? takes(simulator)}`);
    return 2;
  }
  const { options } = read;
  let running;
  try {
    running = await simulator.start(options);
  } catch (err) {
    if (isRoomctlError(err) && err.code === 'ROOMCTL_E_PORT_NOT_FOUND') {
      process.stderr.write(`roomctl sim ${simulator.driver}: ${noSuchSerialPath(simulator, (err.details as { path: string }).path)}\n`);
      return 2;
    }
    // A bad value (a port out of range, an unknown quirk profile or model) is the user's to fix, not a crash.
    if (!(err instanceof RangeError) && !(isRoomctlError(err) && err.code === 'ROOMCTL_E_CONFIG_INVALID')) throw err;
    process.stderr.write(`roomctl sim ${simulator.driver}: ${err.message}\n\n${takes(simulator)}`);
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

const flag = (name: string) => `--${name}`;

/**
 * A simulator's serial path is not a cable to check (the port's usual hint) but one end of a
 * PTY pair nobody made yet: the words say how to make one and where each end goes.
 */
function noSuchSerialPath(simulator: SimulatorDefinition, path: string): string {
  const option = simulator.options.find((o) => o.value === 'PATH')?.name ?? 'serialPath';
  const ends = { sim: `/tmp/${simulator.driver}-sim`, room: `/tmp/${simulator.driver}-room` };
  return [
    `${path} does not exist. A simulator's serial path is its own end of a PTY pair, not a device's port; make a pair first:`,
    `  socat -d -d pty,raw,echo=0,link=${ends.sim} pty,raw,echo=0,link=${ends.room} &`,
    `  roomctl sim ${simulator.driver} --${option} ${ends.sim}`,
    `and give the room's config the other end (${ends.room}) as the device's port.`,
  ].join('\n');
}

const takes = (simulator: SimulatorDefinition) => `The ${simulator.driver} simulator takes:\n${simulatorUsage(simulator)}`;

type ReadOptions = { options: Record<string, string> } | { problem: string; usage?: string };

/**
 * The `--name value` pairs as the simulator's options, each alias under its option's own name.
 * An option the simulator does not declare is refused, never passed on to be ignored: a
 * mistyped `--serialPath` once left a display simulator quietly listening on its TCP port.
 */
function readOptions(simulator: SimulatorDefinition, args: string[]): ReadOptions {
  const options: Record<string, string> = {};
  const spelled = new Map<string, string>();
  const offered = simulator.options.flatMap((o) => [o.name, ...(o.aliases ?? [])]);
  if (simulator.quirks?.length) offered.push('quirks');
  for (let i = 0; i < args.length; i += 2) {
    const key = args[i]!;
    const value = args[i + 1];
    if (!key.startsWith('--') || value === undefined) return { problem: `expected --option value pairs, got "${key}"`, usage: SIM_USAGE };
    const typed = key.slice(2);
    if (typed === 'quirks' && !simulator.quirks?.length) return { problem: `the ${simulator.driver} simulator has no quirk profiles` };
    const name = typed === 'quirks' ? typed : simulator.options.find((o) => o.name === typed || o.aliases?.includes(typed))?.name;
    if (name === undefined) return { problem: `unknown option ${key}${didYouMean(key, offered.map(flag))}` };
    const earlier = spelled.get(name);
    if (earlier !== undefined && earlier !== typed) return { problem: `--${earlier} and ${key} are the same option; give it once` };
    spelled.set(name, typed);
    options[name] = value;
  }
  return { options };
}
