import { startEmbeddedBroker } from '../../appliance/telemetry/embedded-broker.js';

/**
 * The embedded broker (MQTT 3.1.1) as a device of the held-up-room tests' worker thread
 * (drivers/testing/room-held-up.ts): it answers while the test's own thread is held up.
 */
export async function startBrokerInAWorker() {
  const broker = await startEmbeddedBroker('127.0.0.1', 0);
  return { endpoint: { port: broker.port }, close: () => broker.close() };
}
