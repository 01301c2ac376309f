import { expect, it } from 'vitest';
import { mqttConnectOptions, roomClientId } from '../telemetry/mqtt-connect-options.js';
import { linkConnectOptions } from './linked-wiring.js';

const room = { site: 'hq', id: 'kiln' };

it.each([
  ['a client id from the room', { url: 'mqtt://broker:1883' }, 'roomctl-hq-kiln'],
  ['the client id the config gives', { url: 'mqtt://broker:1883', clientId: 'room-kiln' }, 'room-kiln'],
])("the link to other rooms connects under its own client id, never the room's telemetry one, with %s", (_case, mqtt, telemetryId) => {
  const telemetry = mqttConnectOptions(mqtt, { clientId: roomClientId(mqtt, room) });
  const link = linkConnectOptions(mqtt, room);
  expect(telemetry.clientId).toBe(telemetryId);
  // Two connections under one id take the session from each other; the room's last will would go with whichever lost it.
  expect(link.clientId).toBe(`${telemetryId}-link`);
  expect(link.will).toBeUndefined();
  // It subscribes again itself on each connect, to know when the broker confirmed each meeting's subscription (then it joins).
  expect(link.resubscribe).toBe(false);
});
