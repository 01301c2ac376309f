import { pjlinkSimulator } from '../pjlink/pjlink-simulator.js';
import { viscaSerialSimulator } from '../visca/visca-serial-simulator.js';
import type { SimulatorDefinition } from './simulator.js';

/** Every simulator `roomctl sim DRIVER` can run; one per driver. */
export const SIMULATORS: readonly SimulatorDefinition[] = [viscaSerialSimulator, pjlinkSimulator];

export function findSimulator(driver: string): SimulatorDefinition | undefined {
  return SIMULATORS.find((s) => s.driver === driver);
}
