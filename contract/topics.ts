/**
 * The MQTT topic map, one place for both ends: the room publishes on these, the fleet reads
 * them back with `parseRoomTopic`. Base: `roomctl/<site>/<room>`.
 */
export const TOPIC_ROOT = 'roomctl';

/** A site or room id on the wire: the config's slug rule. */
export const SEGMENT = /^[a-z0-9][a-z0-9-]{0,62}$/;
/** Device ids follow the config's slug rule, a little looser for other publishers. */
export const DEVICE_ID = /^[A-Za-z0-9][A-Za-z0-9_.-]{0,127}$/;

export function roomTopics(site: string, room: string) {
  const base = `${TOPIC_ROOT}/${site}/${room}`;
  return {
    base,
    /** Retained `online` / `offline` (the last will). */
    status: `${base}/status`,
    /** Retained room state. */
    state: `${base}/state`,
    /** Room events, not retained. */
    events: `${base}/events`,
    /** Retained health of one device. */
    deviceHealth: (deviceId: string) => `${base}/devices/${deviceId}/health`,
    /** Signed central commands to the room. */
    command: (name: string) => `${base}/cmd/${name}`,
    /** Where the room answers a sender that asked there (one subtree per sender instance). */
    reply: (instance: string) => `${base}/reply/${instance}`,
  };
}

/** What a topic under `roomctl/` is, as the fleet reads it. */
export type RoomTopic =
  | { kind: 'status' | 'state' | 'events'; site: string; room: string }
  | { kind: 'health'; site: string; room: string; deviceId: string }
  | { kind: 'command'; site: string; room: string; name: string }
  | { kind: 'reply'; site: string; room: string; instance: string }
  /** Under a room, but none of the above (a newer room's topic): not an error. */
  | { kind: 'other'; site: string; room: string };

/** `roomctl/<site>/<room>/<rest>` → what it is, or why it is not a room topic. */
export function parseRoomTopic(topic: string): RoomTopic | { error: string } {
  const parts = topic.split('/');
  if (parts[0] !== TOPIC_ROOT || parts.length < 4) return { error: `not a room topic: ${topic}` };
  const [, site, room, ...rest] = parts as [string, string, string, ...string[]];
  if (!SEGMENT.test(site) || !SEGMENT.test(room)) return { error: `bad site or room in ${topic}` };
  const at = { site, room };
  if (rest.length === 1 && (rest[0] === 'status' || rest[0] === 'state' || rest[0] === 'events')) return { kind: rest[0], ...at };
  if (rest.length === 3 && rest[0] === 'devices' && rest[2] === 'health') {
    const deviceId = rest[1]!;
    if (!DEVICE_ID.test(deviceId)) return { error: `bad device id in ${topic}` };
    return { kind: 'health', ...at, deviceId };
  }
  if (rest[0] === 'cmd') return { kind: 'command', ...at, name: rest.slice(1).join('/') };
  if (rest[0] === 'reply') return { kind: 'reply', ...at, instance: rest.slice(1).join('/') };
  return { kind: 'other', ...at };
}
