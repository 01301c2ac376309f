import { DRIVERS } from '../registry.js';
import type { SimulatorDefinition } from './simulator.js';

/** Every simulator `roomctl sim DRIVER` can run: each driver's own, loaded from its definition. */
export function loadSimulators(): Promise<SimulatorDefinition[]> {
  return Promise.all(DRIVERS.flatMap((d) => (d.loadSimulator ? [d.loadSimulator()] : [])));
}

/** The simulator of one driver, loaded; undefined for an unknown driver or one without a simulator. */
export async function findSimulator(driver: string): Promise<SimulatorDefinition | undefined> {
  return DRIVERS.find((d) => d.id === driver)?.loadSimulator?.();
}
