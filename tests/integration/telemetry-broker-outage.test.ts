import { afterAll, describe, expect, it } from 'vitest';
import { flapDevice } from '../helpers/flapping-device.js';
import { startMosquitto, type RunningMosquitto } from '../helpers/mosquitto.js';
import { startTelemetryRoom, type TelemetryRoom } from '../helpers/telemetry-room.js';
import { startTestFleet } from '../helpers/test-fleet.js';
import { until } from '../helpers/until.js';

const EVENTS = 10_000;

/**
 * The broker goes away; the room keeps having health events; the broker comes back:
 * every event reaches the fleet, in order, and the fleet stores none twice.
 */
describe('store and forward across a broker outage', () => {
  let broker: RunningMosquitto;
  let room: TelemetryRoom;
  let fleet: Awaited<ReturnType<typeof startTestFleet>>;
  afterAll(async () => {
    await room?.close();
    await fleet?.close();
    await broker?.close();
  });

  it(`delivers ${EVENTS} health events caused while Mosquitto was down, in order, once each`, async () => {
    broker = await startMosquitto();
    fleet = await startTestFleet({ broker: { url: broker.url, protocolVersion: 5, clientId: 'fleet-outage-test' } });
    room = await startTelemetryRoom({ mqtt: { url: broker.url, protocolVersion: 5 } });
    await until(
      async () => (await fleet.store.room('hq', 'aurora'))?.devices.find((d) => d.deviceId === 'display' && d.status === 'ok'),
      8000,
      'the fleet to see the display ok',
    );

    await broker.stop();
    await until(() => !room.appliance.telemetry.connected && !fleet.connected, 5000, 'both clients to notice the outage');
    // A microphone that flaps 10,000 times: each change is a health update plus a fault raised or cleared.
    flapDevice(room.appliance.health, { id: 'ceiling-mic', name: 'Ceiling mic' }, EVENTS);
    expect(room.appliance.telemetry.stats().depth).toBeGreaterThanOrEqual(2 * EVENTS);

    await broker.start();
    const faults = () =>
      fleet.store.sql.query<{ id: string; type: string; body: string }>("SELECT id, type, body FROM fleet_events WHERE device_id = 'ceiling-mic' ORDER BY seq");
    await until(async () => (await faults()).length >= EVENTS, 60_000, `${EVENTS} fault events in the fleet store`, 200);
    await until(() => room.appliance.telemetry.stats().depth === 0, 10_000, 'the outbox to drain');

    const rows = await faults();
    expect(rows).toHaveLength(EVENTS);
    expect(new Set(rows.map((r) => r.id)).size).toBe(EVENTS);
    // In order: raised, cleared, raised, … and each cleared names the fault raised just before it.
    const bodies = rows.map((r) => JSON.parse(r.body) as { type: string; faultId: string; detail: string });
    for (let i = 0; i < EVENTS; i++) {
      expect(bodies[i]!.type).toBe(i % 2 === 0 ? 'fault.raised' : 'fault.cleared');
      if (i % 2 === 0) expect(bodies[i]!.detail).toContain(`flap ${i}`);
      else expect(bodies[i]!.faultId).toBe(bodies[i - 1]!.faultId);
    }
    const mic = (await fleet.store.room('hq', 'aurora'))!.devices.find((d) => d.deviceId === 'ceiling-mic');
    expect(mic?.status).toBe('ok');
  }, 120_000);
});
