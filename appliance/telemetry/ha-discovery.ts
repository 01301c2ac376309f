import type { DeviceView } from '../model/device-view.js';
import type { RoomConfig } from '../config/config-schema.js';
import { roomTopics } from '../../contract/topics.js';
import { HEALTH_STATUSES } from '../model/health.js';

interface DiscoveryMessage {
  topic: string;
  payload: string;
}

/** Home Assistant's ids allow letters, digits, `_` and `-`. */
const haId = (...parts: string[]) => parts.join('_').replace(/[^a-zA-Z0-9_-]/g, '_');

/** The room's Home Assistant node id: its discovery topics are `<prefix>/<component>/<node>/<object>/config`. */
export const haNodeId = (site: string, room: string) => haId('roomctl', site, room);

/**
 * Home Assistant MQTT discovery (retained `<prefix>/<component>/<node>/<object>/config`):
 * the room as a device with a connectivity sensor on the `status` topic, and per room
 * device a `problem` binary sensor, a health enum sensor and a reply-time sensor on its
 * retained `health` topic. Every entity is unavailable when the room's last will says
 * `offline`, so a dead appliance never shows stale "OK"s.
 */
export function discoveryMessages(
  config: Pick<RoomConfig, 'room'>,
  devices: readonly Pick<DeviceView, 'id' | 'name' | 'driver' | 'kind'>[],
  version: string,
  prefix = 'homeassistant',
): DiscoveryMessage[] {
  const { site, id: roomId, name: roomName } = config.room;
  const topics = roomTopics(site, roomId);
  const node = haNodeId(site, roomId);
  const availability = [{ topic: topics.status, payload_available: 'online', payload_not_available: 'offline' }];
  const roomDevice = {
    identifiers: [node],
    name: roomName,
    manufacturer: 'roomctl',
    model: 'meeting-room appliance',
    sw_version: version,
    suggested_area: roomName,
  };
  const out: DiscoveryMessage[] = [];
  const add = (component: string, object: string, body: Record<string, unknown>) =>
    out.push({
      topic: `${prefix}/${component}/${node}/${object}/config`,
      payload: JSON.stringify({ ...body, unique_id: haId(node, object), object_id: haId(node, object) }),
    });

  add('binary_sensor', 'appliance', {
    name: 'Appliance',
    device_class: 'connectivity',
    state_topic: topics.status,
    payload_on: 'online',
    payload_off: 'offline',
    device: roomDevice,
  });
  for (const d of devices) {
    const device = {
      identifiers: [haId(node, d.id)],
      name: `${roomName} ${d.name}`,
      manufacturer: 'roomctl',
      model: d.driver,
      via_device: node,
      suggested_area: roomName,
    };
    const state_topic = topics.deviceHealth(d.id);
    add('binary_sensor', haId(d.id, 'problem'), {
      name: 'Problem',
      device_class: 'problem',
      state_topic,
      value_template: "{{ 'OFF' if value_json.status == 'ok' else 'ON' }}",
      json_attributes_topic: state_topic,
      availability,
      device,
    });
    add('sensor', haId(d.id, 'health'), {
      name: 'Health',
      device_class: 'enum',
      options: [...HEALTH_STATUSES],
      state_topic,
      value_template: '{{ value_json.status }}',
      availability,
      device,
    });
    add('sensor', haId(d.id, 'reply_time'), {
      name: 'Reply time',
      unit_of_measurement: 'ms',
      state_class: 'measurement',
      entity_category: 'diagnostic',
      state_topic,
      value_template: '{{ value_json.metrics.replyMs | default(none) }}',
      availability,
      device,
    });
  }
  return out;
}
