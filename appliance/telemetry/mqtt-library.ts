import type mqtt from 'mqtt';

export type MqttConnect = typeof mqtt.connect;

/**
 * mqtt.js's `connect`, loaded at first use: the library adds about 5 MB to a room's memory,
 * which a room without a broker (no telemetry, no linked rooms) never needs.
 */
export async function loadMqttConnect(): Promise<MqttConnect> {
  return (await import('mqtt')).default.connect;
}
