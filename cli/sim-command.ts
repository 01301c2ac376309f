import { isRoomctlError } from '../drivers/core/errors.js';
import type { SimulatorDefinition } from '../drivers/sim/simulator.js';
import { findSimulator } from '../drivers/sim/simulators.js';
import { didYouMean } from '../appliance/config/did-you-mean.js';
import { driverRefused, simulatorTakes as takes } from './sim-usage.js';
import { waitForShutdown } from './shutdown.js';
import { type UsageMistake, usageError } from './usage-error.js';

/**
 * `roomctl sim DRIVER --key value ...`: one simulator in the foreground until Ctrl-C.
 * `--quirks a,b` plays named quirk profiles of real devices (slow replies, lock-outs…).
 */
export async function simCommand(args: string[]): Promise<number> {
  const [driver, ...rest] = args;
  const simulator = driver ? await findSimulator(driver) : undefined;
  if (!simulator) throw await driverRefused(driver);
  const command = `roomctl sim ${simulator.driver}`;
  const options = readOptions(simulator, rest);
  const missing = simulator.options.filter((o) => o.required && !options[o.name]);
  if (missing.length)
    throw usageError(command, 'ROOMCTL_E_MISSING_ARGUMENT', `needs ${missing.map((o) => `--${o.name} ${o.value}`).join(' and ')}`, takes(simulator));
  let running;
  try {
    running = await simulator.start(options);
  } catch (err) {
    // A value the simulator cannot use (a path that is not there, a port out of range, a quirk profile or model it does not play) is the user's to fix, not a crash.
    if (isRoomctlError(err) && err.code === 'ROOMCTL_E_PORT_NOT_FOUND')
      throw usageError(command, 'ROOMCTL_E_BAD_VALUE', noSuchSerialPath(simulator, (err.details as { path: string }).path), takes(simulator));
    if (!(err instanceof RangeError) && !(isRoomctlError(err) && err.code === 'ROOMCTL_E_CONFIG_INVALID')) throw err;
    throw usageError(command, 'ROOMCTL_E_BAD_VALUE', err.message, takes(simulator));
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

/**
 * The `--name value` pairs as the simulator's options, each alias under its option's own name.
 * An option the simulator does not declare is refused, never passed on to be ignored: a
 * mistyped `--serialPath` once left a display simulator quietly listening on its TCP port.
 */
function readOptions(simulator: SimulatorDefinition, args: string[]): Record<string, string> {
  const command = `roomctl sim ${simulator.driver}`;
  const refuse = (code: UsageMistake, problem: string) => usageError(command, code, problem, takes(simulator));
  const options: Record<string, string> = {};
  const spelled = new Map<string, string>();
  const offered = simulator.options.flatMap((o) => [o.name, ...(o.aliases ?? [])]);
  if (simulator.quirks?.length) offered.push('quirks');
  for (let i = 0; i < args.length; i += 2) {
    const key = args[i]!;
    const value = args[i + 1];
    if (!key.startsWith('--')) throw refuse('ROOMCTL_E_EXTRA_ARGUMENT', `unexpected "${key}": a simulator takes --option value pairs`);
    const typed = key.slice(2);
    if (typed === 'quirks' && !simulator.quirks?.length) throw refuse('ROOMCTL_E_UNKNOWN_OPTION', `the ${simulator.driver} simulator has no quirk profiles`);
    const name = typed === 'quirks' ? typed : simulator.options.find((o) => o.name === typed || o.aliases?.includes(typed))?.name;
    if (name === undefined) throw refuse('ROOMCTL_E_UNKNOWN_OPTION', `unknown option ${key}${didYouMean(key, offered.map(flag))}`);
    if (value === undefined) throw refuse('ROOMCTL_E_MISSING_ARGUMENT', `${key} needs a value`);
    const earlier = spelled.get(name);
    if (earlier !== undefined && earlier !== typed) throw refuse('ROOMCTL_E_EXTRA_ARGUMENT', `--${earlier} and ${key} are the same option; give it once`);
    spelled.set(name, typed);
    options[name] = value;
  }
  return options;
}
