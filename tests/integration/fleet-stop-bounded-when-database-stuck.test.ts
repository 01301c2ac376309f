/**
 * A fleet asked to stop while a part of it waits on a PostgreSQL that does not answer (here: a
 * lock another session holds) stops at its deadline anyway, names in its log what it
 * abandoned, and loses nothing it had acknowledged: started again, it records the device fault
 * and the alert of what it had committed, and the broker delivers again what it had not.
 * Without a bound, each of these stops waits for ever (the test's timeout fails it).
 */
import mqtt, { type MqttClient } from 'mqtt';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { parseFleetMessage } from '../../fleet/fleet-messages.js';
import { openFleetSql } from '../../fleet/fleet-database.js';
import type { Fleet } from '../../fleet/fleet-service.js';
import { FleetStore } from '../../fleet/fleet-store.js';
import { closeFleetPostgres, feedbackMessage } from '../helpers/fleet-databases.js';
import { startMosquitto, type RunningMosquitto } from '../helpers/mosquitto.js';
import { keptAlerts, stuckFleetLab, type StuckFleetLab } from '../helpers/stuck-fleet-database.js';
import { until } from '../helpers/until.js';

const T0 = Date.parse('2026-03-02T09:00:00.000Z');
const health = (status: string, atMs: number, metrics: Record<string, number> = {}) =>
  JSON.stringify({
    status,
    since: new Date(atMs).toISOString(),
    detail: status === 'ok' ? null : 'No answer on 10.0.0.30:4352',
    metrics,
    at: new Date(atMs).toISOString(),
  });

let broker: RunningMosquitto;
let rooms: MqttClient;
let lab: StuckFleetLab | undefined;
beforeAll(async () => {
  broker = await startMosquitto();
  rooms = await mqtt.connectAsync(broker.url, { protocolVersion: 5, clientId: 'rooms' });
  // Retained: a new fleet's subscription gets it, so a test knows the fleet hears the rooms before it publishes.
  await rooms.publishAsync('roomctl/hq/probe/status', 'online', { qos: 1, retain: true });
});

/** Once the fleet's fresh subscription works (a restart resumes its session, and the broker's queue for it). */
const subscribed = (fleet: Fleet) => until(() => fleet.ingest.stats.received >= 1, 20_000, 'the fleet subscribed');
afterEach(async () => {
  await lab?.close();
  lab = undefined;
});
afterAll(async () => {
  await rooms?.endAsync();
  await broker?.close();
  await closeFleetPostgres();
});

/** The abandoned parts the stop logged. */
const abandonedParts = (l: StuckFleetLab) => l.lines.flatMap((line) => (Array.isArray(line.abandoned) ? (line.abandoned as string[]) : []));
const count = async (l: StuckFleetLab, sql: string, params: unknown[] = []) => Number((await l.blocker.query<{ n: string }>(sql, params)).rows[0]?.n);

describe('a fleet stopping while PostgreSQL does not answer one of its parts', () => {
  it('ingest: stops at its deadline with a batch the database never answered, and the broker delivers it again', { timeout: 60_000 }, async () => {
    lab = await stuckFleetLab(broker.url, 'fleet-stuck-ingest');
    const first = await lab.start();
    await subscribed(first);
    await rooms.publishAsync('roomctl/hq/aurora/status', 'online', { qos: 1 });
    await until(async () => (await count(lab!, "SELECT COUNT(*) AS n FROM fleet_rooms WHERE room = 'aurora'")) === 1, 20_000, 'the room stored');

    await lab.blocker.query('BEGIN');
    await lab.blocker.query('LOCK TABLE fleet_events IN ACCESS EXCLUSIVE MODE');
    const feedback = { id: 'ev-rating-1', at: new Date().toISOString(), type: 'feedback', meetingId: 'm-1', rating: 4 };
    await rooms.publishAsync('roomctl/hq/aurora/events', JSON.stringify(feedback), { qos: 1 });
    await lab.fleetWaitsOnLock('the batch waiting for fleet_events');
    await first.close();
    expect(abandonedParts(lab)).toContain('ingest');
    expect(lab.lines.filter((l) => l.left !== undefined).map(({ committed, left }) => ({ committed, left }))).toEqual([{ committed: 0, left: 1 }]);
    await lab.endAbandonedBackends();
    await lab.blocker.query('ROLLBACK');
    expect(await count(lab, 'SELECT COUNT(*) AS n FROM fleet_events')).toBe(0);

    await lab.start();
    await until(async () => (await count(lab!, "SELECT COUNT(*) AS n FROM fleet_events WHERE id = 'ev-rating-1'")) === 1, 20_000, 'the event delivered again');
  });

  it('device faults: stops at its deadline, and the next start opens the issue of the fault it had committed', { timeout: 60_000 }, async () => {
    lab = await stuckFleetLab(broker.url, 'fleet-stuck-faults');
    const first = await lab.start();
    await subscribed(first);
    await rooms.publishAsync('roomctl/hq/aurora/devices/display/health', health('ok', T0), { qos: 1 });
    await until(async () => (await count(lab!, "SELECT COUNT(*) AS n FROM fleet_devices WHERE status = 'ok'")) === 1, 20_000, 'the display stored');
    await first.faults.idle();

    await lab.blocker.query('BEGIN');
    await lab.blocker.query('LOCK TABLE fleet_issues IN ACCESS EXCLUSIVE MODE');
    await rooms.publishAsync('roomctl/hq/aurora/devices/display/health', health('offline', T0 + 60_000), { qos: 1 });
    // Committed; its fault waits for fleet_issues behind the lock.
    await until(async () => (await count(lab!, "SELECT COUNT(*) AS n FROM fleet_devices WHERE status = 'offline'")) === 1, 20_000, 'the failure stored');
    await lab.fleetWaitsOnLock('the fault tracker waiting for fleet_issues');

    await first.close();
    expect(abandonedParts(lab)).toContain('device faults');
    await lab.endAbandonedBackends();
    await lab.blocker.query('ROLLBACK');
    expect(await count(lab, 'SELECT COUNT(*) AS n FROM fleet_issues')).toBe(0);

    // The start queues the reconciliation before anything else its fault tracker does.
    const second = await lab.start();
    await second.faults.idle();
    expect(await count(lab, "SELECT COUNT(*) AS n FROM fleet_issues WHERE kind = 'device' AND device_id = 'display' AND state = 'open'")).toBe(1);
    expect(await count(lab, "SELECT COUNT(*) AS n FROM fleet_device_faults WHERE device_id = 'display' AND ended_at IS NULL AND status = 'offline'")).toBe(1);
  });

  it('device samples: stops at its deadline, and the broker delivers the sampled heartbeat again to the next start', { timeout: 60_000 }, async () => {
    lab = await stuckFleetLab(broker.url, 'fleet-stuck-samples');
    const first = await lab.start();
    await subscribed(first);
    await rooms.publishAsync('roomctl/hq/aurora/devices/display/health', health('ok', T0, { replyMs: 12 }), { qos: 1 });
    await until(async () => (await count(lab!, 'SELECT COUNT(*) AS n FROM fleet_device_samples')) === 1, 20_000, 'the first sample');

    await lab.blocker.query('BEGIN');
    await lab.blocker.query('LOCK TABLE fleet_device_samples IN ACCESS EXCLUSIVE MODE');
    // Ten minutes later by the room's clock: past the sampling interval, so it is sampled.
    await rooms.publishAsync('roomctl/hq/aurora/devices/display/health', health('ok', T0 + 600_000, { replyMs: 42 }), { qos: 1 });
    await lab.fleetWaitsOnLock('the sampler waiting for fleet_device_samples');
    await first.close();
    expect(abandonedParts(lab)).toContain('device samples');
    await lab.endAbandonedBackends();
    await lab.blocker.query('ROLLBACK');
    expect(await count(lab, 'SELECT COUNT(*) AS n FROM fleet_device_samples WHERE reply_ms = 42')).toBe(0);

    // Its PUBACK waited for the sample: the broker still holds the heartbeat for this session.
    const second = await lab.start();
    await until(async () => (await count(lab!, 'SELECT COUNT(*) AS n FROM fleet_device_samples WHERE reply_ms = 42')) === 1, 20_000, 'the sample');
    expect(second.ingest.stats.received).toBeGreaterThanOrEqual(1);
  });

  it('alerts: stops at its deadline naming the alert it did not store, and the next start stores and sends it once', { timeout: 60_000 }, async () => {
    lab = await stuckFleetLab(broker.url, 'fleet-stuck-alerts');
    const sink = keptAlerts();
    const first = await lab.start({ sinks: [sink] });
    await until(() => first.leadsAlerts, 20_000, 'the fleet runs the alert rules');
    await subscribed(first);

    await lab.blocker.query('BEGIN');
    await lab.blocker.query('LOCK TABLE fleet_alerts IN ACCESS EXCLUSIVE MODE');
    const help = { id: 'ev-help-1', at: new Date().toISOString(), type: 'help.requested', requestId: 'help-1', message: 'No sound' };
    await rooms.publishAsync('roomctl/hq/aurora/events', JSON.stringify(help), { qos: 1 });
    await lab.fleetWaitsOnLock('the alert waiting for fleet_alerts');
    await first.close();
    expect(abandonedParts(lab)).toContain('alerts');
    expect(lab.lines.find((l) => l.abandoned)?.unstoredAlerts).toEqual(['help/help-1']);
    await lab.endAbandonedBackends();
    await lab.blocker.query('ROLLBACK');
    expect(await count(lab, 'SELECT COUNT(*) AS n FROM fleet_alerts')).toBe(0);
    expect(await count(lab, "SELECT COUNT(*) AS n FROM fleet_events WHERE id = 'ev-help-1'")).toBe(1);

    await lab.start({ sinks: [sink] });
    await until(() => sink.sent.length >= 1, 20_000, 'the alert sent');
    expect(sink.sent).toEqual([{ key: 'help/help-1', state: 'firing' }]);
    expect(await count(lab, "SELECT COUNT(*) AS n FROM fleet_alert_feed WHERE alert_key = 'help/help-1'")).toBe(1);
  });

  it('retention: stops at its deadline, and the next start rolls the old events up once', { timeout: 60_000 }, async () => {
    lab = await stuckFleetLab(broker.url, 'fleet-stuck-retention');
    // Events received 31 days ago, stored as the ingest stores them.
    const sql = await openFleetSql({ dataDir: '/nonexistent', database: lab.database });
    const store = await FleetStore.open(sql);
    const old = Array.from({ length: 5 }, (_, i) => feedbackMessage(i)).flatMap(({ topic, payload }) => {
      const m = parseFleetMessage(topic, payload);
      return m && !('error' in m) ? [m] : [];
    });
    await store.apply(old, Date.now() - 31 * 86_400_000);
    await sql.close();

    // The lock the retention pass takes first (fleet-retention.ts), held by another session.
    await lab.blocker.query('SELECT pg_advisory_lock($1)', [0x70727565]);
    const first = await lab.start();
    await lab.fleetWaitsOnLock('the retention pass waiting for its lock');
    await first.close();
    expect(abandonedParts(lab)).toContain('retention');
    await lab.endAbandonedBackends();
    await lab.blocker.query('SELECT pg_advisory_unlock($1)', [0x70727565]);
    expect(await count(lab, 'SELECT COUNT(*) AS n FROM fleet_events')).toBe(5);

    await lab.start();
    await until(async () => (await count(lab!, 'SELECT COUNT(*) AS n FROM fleet_events')) === 0, 20_000, 'the old events rolled up');
    expect(await count(lab, 'SELECT COALESCE(SUM(events), 0) AS n FROM fleet_event_rollups')).toBe(5);
  });
});
