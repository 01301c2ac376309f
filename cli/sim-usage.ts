import { describeDefault } from '../drivers/sim/define-simulator.js';
import type { SimulatorDefinition, SimulatorOption } from '../drivers/sim/simulator.js';
import { loadSimulators } from '../drivers/sim/simulators.js';
import { SIM_USAGE } from './command-usage.js';

/** Where the descriptions start, so a simulator's options read as one table. */
const COLUMN = 26;

const row = (indent: string, left: string, text: string) => `${indent}${left.padEnd(COLUMN - indent.length - 1)} ${text}\n`;

function optionRow(option: SimulatorOption): string {
  const also = option.aliases?.length ? ` (also ${option.aliases.map((a) => `--${a} ${option.value}`).join(', ')})` : '';
  return row('    ', `--${option.name} ${option.value}`, `${option.required ? 'required: ' : ''}${option.description}${describeDefault(option)}${also}`);
}

/** One simulator's options and quirk profiles, as `roomctl sim --help` lists them and a refused option repeats them. */
export function simulatorUsage(simulator: SimulatorDefinition): string {
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
