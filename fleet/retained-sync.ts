import type { MqttClient } from 'mqtt';
import type { Logger } from '../appliance/logger.js';

/** The topics rooms publish retained: what a fleet instance must know of every room, whoever got the live copy. */
const RETAINED_ROOM_TOPICS = ['roomctl/+/+/status', 'roomctl/+/+/state', 'roomctl/+/+/devices/+/health'];

/**
 * MQTT 5 (4.8.2) never sends retained messages to a shared subscription, so an instance in a
 * share group would not learn the rooms' last status, state and health. On every connect it
 * subscribes to the retained topics plainly, takes the retained copies the broker sends with
 * the SUBACK, and unsubscribes once they stop coming (`quietMs` without one): the live
 * stream stays split by the share group. Live messages that reach the plain subscription
 * meanwhile arrive twice; the store's writes are idempotent (health newer-than, state and
 * status upserts), so the copy changes nothing.
 */
export function syncRetained(
  client: MqttClient,
  log: Pick<Logger, 'info' | 'warn'>,
  options: { quietMs?: number } = {},
): { onMessage(retained: boolean): void; stop(): void } {
  const quietMs = options.quietMs ?? 1000;
  let last = Date.now();
  let count = 0;
  let timer: NodeJS.Timeout | undefined;
  let done = false;
  const finish = () => {
    if (done) return;
    done = true;
    clearInterval(timer);
    if (client.connected) client.unsubscribe(RETAINED_ROOM_TOPICS);
    log.info({ retained: count }, "fleet has the rooms' retained status, state and health");
  };
  client.subscribe(RETAINED_ROOM_TOPICS, { qos: 1 }, (err) => {
    if (err) {
      log.warn({ err: err.message }, "fleet cannot read the rooms' retained state");
      return;
    }
    last = Date.now();
    timer = setInterval(
      () => {
        if (Date.now() - last >= quietMs) finish();
      },
      Math.max(50, quietMs / 4),
    );
    timer.unref();
  });
  return {
    onMessage(retained) {
      if (done || !retained) return;
      count++;
      last = Date.now();
    },
    stop() {
      done = true;
      clearInterval(timer);
    },
  };
}
