import { DRIVERS } from '../registry.js';
import type { SimulatorDefinition } from './simulator.js';

/** Every simulator `roomctl sim DRIVER` can run: each driver's own, from its definition. */
export const SIMULATORS: readonly SimulatorDefinition[] = DRIVERS.flatMap((d) => (d.simulator ? [d.simulator] : []));

export function findSimulator(driver: string): SimulatorDefinition | undefined {
  return SIMULATORS.find((s) => s.driver === driver);
}
