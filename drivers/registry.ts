import type { AnyDriverDefinition } from './core/definition.js';
import { pjlinkDriver } from './pjlink/pjlink-definition.js';
import { viscaSerialDriver } from './visca/visca-serial-definition.js';

/** Every driver the appliance knows. A plain array: adding a driver is adding a line. */
export const DRIVERS: readonly AnyDriverDefinition[] = [viscaSerialDriver, pjlinkDriver];

export function findDriver(id: string): AnyDriverDefinition | undefined {
  return DRIVERS.find((d) => d.id === id);
}
