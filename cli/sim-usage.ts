import { describeDefault } from '../drivers/sim/define-simulator.js';
import type { SimulatorDefinition, SimulatorOption } from '../drivers/sim/simulator.js';
import { describeQuirks } from '../drivers/sim/quirk-options.js';
import { findSimulator, loadSimulators } from '../drivers/sim/simulators.js';
import { didYouMean } from '../appliance/config/did-you-mean.js';
import { SIM_USAGE } from './command-usage.js';
import { type UsageError, usageError } from './usage-error.js';

/** Where the descriptions start, so a simulator's options read as one table. */
const COLUMN = 26;

const row = (indent: string, left: string, text: string) => `${indent}${left.padEnd(COLUMN - indent.length - 1)} ${text}\n`;

function optionRow(option: SimulatorOption): string {
  const also = option.aliases?.length ? ` (also ${option.aliases.map((a) => `--${a} ${option.value}`).join(', ')})` : '';
  return row('    ', `--${option.name} ${option.value}`, `${option.required ? 'required: ' : ''}${option.description}${describeDefault(option)}${also}`);
}

/** One simulator's options and quirk profiles, as `roomctl sim --help` lists them and a refused option repeats them. */
function simulatorUsage(simulator: SimulatorDefinition): string {
  let text = `  ${simulator.driver} — ${simulator.description}\n`;
  text += simulator.options.map(optionRow).join('');
  if (simulator.quirks?.length) {
    text += row('    ', '--quirks PROFILE,...', 'plays these behaviours of real devices:');
    for (const profile of simulator.quirks) text += row('      ', profile.name, profile.description);
  }
  return text;
}

/** `roomctl sim --help`: the usage, then every driver with a simulator, its options and its quirk profiles. */
export async function simHelp(): Promise<string> {
  const simulators = await loadSimulators();
  return `${SIM_USAGE}\nDrivers with a simulator:\n${simulators.map(simulatorUsage).join('\n')}`;
}

/** What a refused option of one simulator repeats, and what `roomctl sim DRIVER --help` prints. */
export const simulatorTakes = (simulator: SimulatorDefinition) => `The ${simulator.driver} simulator takes:\n${simulatorUsage(simulator)}`;

/** `roomctl sim DRIVER --help` and `roomctl help sim DRIVER`: that simulator's options, or the refusal `roomctl sim DRIVER` would give. */
export async function simulatorHelp(driver: string): Promise<string> {
  const simulator = await findSimulator(driver);
  if (!simulator) throw await driverRefused(driver);
  return simulatorTakes(simulator);
}

/** `roomctl sim` without a DRIVER it has: coded, with every driver that has a simulator. */
export async function driverRefused(driver: string | undefined): Promise<UsageError> {
  const simulators = await loadSimulators();
  const ids = simulators.map((s) => s.driver);
  const drivers = simulators.map((s) => `  ${s.driver}${s.quirks?.length ? ` (--quirks ${describeQuirks(s.quirks)})` : ''}`).join('\n');
  const usage = `${SIM_USAGE}Drivers with a simulator (roomctl sim --help lists their options):\n${drivers}\n`;
  if (!driver) return usageError('roomctl sim', 'ROOMCTL_E_MISSING_ARGUMENT', 'which driver?', usage);
  if (driver.startsWith('-'))
    return usageError('roomctl sim', 'ROOMCTL_E_UNKNOWN_OPTION', `unknown option ${driver} (a simulator's options come after its DRIVER)`, usage);
  return usageError('roomctl sim', 'ROOMCTL_E_BAD_VALUE', `no simulator for "${driver}"${didYouMean(driver, ids)}`, usage);
}
