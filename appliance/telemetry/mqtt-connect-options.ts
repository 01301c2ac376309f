import { readFileSync } from 'node:fs';
import type { IClientOptions } from 'mqtt';
import { MAX_PAYLOAD_BYTES } from '../../contract/validate.js';
import { RoomctlError } from '../../drivers/core/errors.js';
import type { RoomConfig } from '../config/config-schema.js';

export type MqttSettings = NonNullable<RoomConfig['mqtt']>;

/** The largest packet this end takes from the broker: the largest payload the contract reads and 64 KB for the topic and properties. */
export const MAX_PACKET_BYTES = MAX_PAYLOAD_BYTES + 64 * 1024;

/** A week: a room whose broker is down over a long weekend still finds its session. */
export const DEFAULT_SESSION_EXPIRY_S = 7 * 24 * 3600;

/** Reads a PEM file named in the config, or says which field names a file that is not there. */
function pem(field: 'ca' | 'cert' | 'key', path: string | undefined): Buffer | undefined {
  if (!path) return undefined;
  try {
    return readFileSync(path);
  } catch (err) {
    throw new RoomctlError('ROOMCTL_E_CONFIG_INVALID', `mqtt.${field}: cannot read ${path}: ${(err as NodeJS.ErrnoException).code ?? (err as Error).message}`, {
      issues: [{ path: `mqtt.${field}`, message: `cannot read ${path}` }],
    });
  }
}

/**
 * The client id of a room's connection to the broker: `mqtt.clientId` when the config gives one,
 * else one from the room's site and id. A second connection of the room (its link to other rooms)
 * adds its own suffix: two connections sharing one client id would take the session from each
 * other over and over, and the one holding it when the room dies might not be the one with the
 * last will.
 */
export function roomClientId(mqtt: MqttSettings, room: { site: string; id: string }, connection?: 'link'): string {
  const id = mqtt.clientId ?? `roomctl-${room.site}-${room.id}`;
  return connection ? `${id}-${connection}` : id;
}

/**
 * mqtt.js options from the config's `mqtt` section: protocol 5 (default) or 3.1.1, TLS with
 * the CA pinned (only `ca` is trusted, not the system store) and a client certificate,
 * username/password, and a persistent session (clean=false; on MQTT 5 a session expiry,
 * without which the broker would forget the session the moment the room disconnects).
 */
export function mqttConnectOptions(mqtt: MqttSettings, defaults: { clientId: string; will?: { topic: string; payload: string } }): IClientOptions {
  const protocolVersion = mqtt.protocolVersion ?? 5;
  const ca = pem('ca', mqtt.ca);
  const options: IClientOptions = {
    clientId: mqtt.clientId ?? defaults.clientId,
    protocolVersion,
    clean: false,
    reconnectPeriod: 1000,
    connectTimeout: 5000,
    keepalive: 30,
    // The outbox is our queue; mqtt.js must not grow one of its own while offline.
    queueQoSZero: false,
    // Subscriptions are made in each 'connect' handler (only when the session is gone, or
    // idempotently), so mqtt.js must not replay them a second time.
    resubscribe: false,
    // mqtt.js's default pre-builds 65,536 two-byte Buffers for packet ids and keeps them for
    // the life of the process (~12 MB of a room's ~120 MB); one 2-byte write per packet is
    // cheaper than that on a mini-PC.
    writeCache: false,
  };
  if (mqtt.username !== undefined) options.username = mqtt.username;
  if (mqtt.password !== undefined) options.password = mqtt.password;
  if (ca) options.ca = ca;
  const cert = pem('cert', mqtt.cert);
  const key = pem('key', mqtt.key);
  if (cert) options.cert = cert;
  if (key) options.key = key;
  if ((cert && !key) || (key && !cert)) {
    throw new RoomctlError('ROOMCTL_E_CONFIG_INVALID', 'mqtt.cert and mqtt.key go together: give both or neither', {
      issues: [{ path: cert ? 'mqtt.key' : 'mqtt.cert', message: 'missing' }],
    });
  }
  options.rejectUnauthorized = mqtt.rejectUnauthorized ?? true;
  // MQTT 5: the broker sends nothing bigger than a payload may be (plus its topic and properties), so
  // a 100 MB message on a topic this client reads never reaches its memory; on 3.1.1 the readers refuse it by size.
  if (protocolVersion === 5)
    options.properties = { sessionExpiryInterval: mqtt.sessionExpirySeconds ?? DEFAULT_SESSION_EXPIRY_S, maximumPacketSize: MAX_PACKET_BYTES };
  if (defaults.will) options.will = { topic: defaults.will.topic, payload: Buffer.from(defaults.will.payload), qos: 1, retain: true };
  return options;
}
