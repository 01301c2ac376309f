import mqtt from 'mqtt';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mosquittoSub, startMosquitto, watchWithMosquittoSub, type RunningMosquitto } from '../helpers/mosquitto.js';
import { startTelemetryRoom, type TelemetryRoom } from '../helpers/telemetry-room.js';
import { until } from '../helpers/until.js';

/** Home Assistant finds the room's devices by itself, over MQTT 3.1.1 here. */
describe('Home Assistant MQTT discovery', () => {
  let broker: RunningMosquitto;
  let room: TelemetryRoom;
  beforeAll(async () => {
    broker = await startMosquitto();
    room = await startTelemetryRoom({ mqtt: { url: broker.url, protocolVersion: 4 } });
  });
  afterAll(async () => {
    await room?.close();
    await broker?.close();
  });

  it('publishes retained entities whose availability follows the room status and last will', async () => {
    const lines = await until(
      async () => {
        const got = await mosquittoSub(broker, { topic: 'homeassistant/#', retainedOnly: true, timeoutS: 1 });
        return got.length >= 4 ? got : undefined;
      },
      8000,
      'the discovery configs',
    );
    const configs = new Map(lines.map((l) => [l.slice(0, l.indexOf(' ')), JSON.parse(l.slice(l.indexOf(' ') + 1)) as Record<string, unknown>]));
    const problem = configs.get('homeassistant/binary_sensor/roomctl_hq_aurora/display_problem/config');
    expect(problem).toMatchObject({
      device_class: 'problem',
      state_topic: 'roomctl/hq/aurora/devices/display/health',
      availability: [{ topic: 'roomctl/hq/aurora/status', payload_available: 'online', payload_not_available: 'offline' }],
      unique_id: 'roomctl_hq_aurora_display_problem',
      device: expect.objectContaining({ via_device: 'roomctl_hq_aurora', model: 'pjlink' }),
    });
    expect(configs.get('homeassistant/sensor/roomctl_hq_aurora/display_health/config')).toMatchObject({
      device_class: 'enum',
      value_template: '{{ value_json.status }}',
    });
    expect(configs.get('homeassistant/binary_sensor/roomctl_hq_aurora/appliance/config')).toMatchObject({
      device_class: 'connectivity',
      state_topic: 'roomctl/hq/aurora/status',
    });
  });

  it('publishes them again when Home Assistant says it came online', async () => {
    const watch = watchWithMosquittoSub(broker, { topic: 'homeassistant/+/roomctl_hq_aurora/#' });
    try {
      await watch.ready;
      const retainedReplay = await until(() => (watch.lines.length >= 4 ? watch.lines.length : undefined), 5000, 'the retained configs');
      const ha = await mqtt.connectAsync(broker.url, { protocolVersion: 4 });
      await ha.publishAsync('homeassistant/status', 'online', { qos: 1 });
      await ha.endAsync();
      await until(() => watch.lines.length >= retainedReplay + 4, 5000, 'the configs published again');
    } finally {
      await watch.stop();
    }
  });
});
