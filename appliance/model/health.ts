/**
 * Health in the fleet's words: fewer than the room's device statuses, and stable on the wire.
 * Defined once here; the room's health monitor, the MQTT contract and the fleet's API use it.
 * `auth-failed`: the device answers but refuses the password in the config.
 */
export const HEALTH_STATUSES = ['ok', 'degraded', 'offline', 'auth-failed', 'unknown'] as const;
export type HealthStatus = (typeof HEALTH_STATUSES)[number];
