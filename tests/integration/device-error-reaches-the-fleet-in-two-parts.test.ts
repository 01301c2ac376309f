import { afterAll, expect, it } from 'vitest';
import type { FleetDevice, FleetRoomDetail } from '../../fleet/fleet-api-types.js';
import { startMosquitto, type RunningMosquitto } from '../helpers/mosquitto.js';
import { startTelemetryRoom, type TelemetryRoom } from '../helpers/telemetry-room.js';
import { FLEET_TOKEN, startTestFleet } from '../helpers/test-fleet.js';
import { until } from '../helpers/until.js';

/**
 * A display goes away: the supervisor's coded error travels as {code, message} through the
 * room's health, a real Mosquitto and the fleet's ingest, and the fleet's device view (what
 * the dashboard reads) has the same code and the error's own words — never "CODE: message".
 */
let broker: RunningMosquitto | undefined;
let room: TelemetryRoom | undefined;
let fleet: Awaited<ReturnType<typeof startTestFleet>> | undefined;
afterAll(async () => {
  await room?.close();
  await fleet?.close();
  await broker?.close();
});

it("the display's error reaches the fleet's device view as its code and its message", async () => {
  broker = await startMosquitto();
  fleet = await startTestFleet({ broker: { url: broker.url, protocolVersion: 5, clientId: 'fleet-error-test' } });
  room = await startTelemetryRoom({ mqtt: { url: broker.url, protocolVersion: 5 } });
  const display = async (): Promise<FleetDevice | undefined> => {
    const response = await fetch(`${fleet!.url}/api/fleet/rooms/hq/aurora`, { headers: { authorization: `Bearer ${FLEET_TOKEN}` } });
    return response.ok ? ((await response.json()) as FleetRoomDetail).devices.find((d) => d.deviceId === 'display') : undefined;
  };
  await until(async () => (await display())?.status === 'ok', 8000, 'the fleet to see the display ok');
  expect(await display()).toMatchObject({ error: null });

  await room.display.close();
  const seen = await until(
    async () => {
      const d = await display();
      return d?.status === 'offline' && d.error ? d : undefined;
    },
    10_000,
    'the fleet to see the display offline, with its error',
  );

  const inRoom = room.appliance.core.devices.get('display').error;
  expect(inRoom?.code).toMatch(/^ROOMCTL_E_/);
  expect(seen.error).toEqual(inRoom);
  expect(seen.code).toBe(inRoom!.code);
  expect(seen.error!.message).not.toContain(inRoom!.code);
  // The detail is for a person: the error's words and what to do, with no code glued to the front.
  expect(seen.detail).toContain(inRoom!.message);
  expect(seen.detail).not.toMatch(/^ROOMCTL_E_/);
});
