import type { AnyDriverDefinition } from '../drivers/core/definition.js';
import type { DriverProvisioning } from '../drivers/core/device-discovery.js';
import { DRIVERS } from '../drivers/registry.js';

/** A driver as provisioning sees it: its definition with what its `loadProvisioning` brings (search, probe, answers, entry). */
export type ProvisioningDriver = AnyDriverDefinition & DriverProvisioning;

/**
 * Every driver of the registry with its provisioning parts, loaded once when provisioning is
 * (a top-level await: the answers' schema is built from them as this module's importers load).
 * The room never imports provisioning, so it never loads them.
 */
export const PROVISIONING_DRIVERS: readonly ProvisioningDriver[] = await Promise.all(
  DRIVERS.map(async (definition): Promise<ProvisioningDriver> => ({ ...definition, ...(await definition.loadProvisioning?.()) })),
);
