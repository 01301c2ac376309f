/**
 * Two fleet instances on one PostgreSQL in one share group run the alert rules once between
 * them: a display that goes offline through one instance and comes back through the other
 * calls the webhook once for the firing alert and once for its resolution — not twice, and
 * never a firing alert left behind.
 */
import { createServer, type Server } from 'node:http';
import mqtt from 'mqtt';
import { afterAll, expect, it } from 'vitest';
import { WebhookAlertSink } from '../../fleet/alert-sink.js';
import { startMosquitto } from '../helpers/mosquitto.js';
import { closeFleetPostgres, sharedPostgres } from '../helpers/fleet-databases.js';
import { startTestFleet } from '../helpers/test-fleet.js';
import { until } from '../helpers/until.js';

const cleanup: Array<() => Promise<unknown>> = [];
afterAll(async () => {
  for (const c of cleanup.splice(0).reverse()) await c().catch(() => undefined);
});

it('fires and resolves an alert once, whichever instance hears the device', async () => {
  const calls: Array<{ rule: string; state: string }> = [];
  const server: Server = createServer((req, res) => {
    let body = '';
    req.on('data', (d) => (body += d));
    req.on('end', () => {
      calls.push(JSON.parse(body) as { rule: string; state: string });
      res.statusCode = 204;
      res.end();
    });
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  cleanup.push(() => new Promise((r) => server.close(r)));
  const hook = `http://127.0.0.1:${(server.address() as { port: number }).port}/hook`;
  const broker = await startMosquitto();
  cleanup.push(() => broker.close());
  const postgres = await sharedPostgres();
  cleanup.push(closeFleetPostgres);
  const database = await postgres.createDatabase();
  const fleets: Array<Awaited<ReturnType<typeof startTestFleet>>> = [];
  for (const id of ['a', 'b']) {
    const fleet = await startTestFleet({
      broker: { url: broker.url, protocolVersion: 5, clientId: `fleet-${id}` },
      shareGroup: 'roomctl-fleet',
      database,
      rules: { deviceOfflineAfterS: 0 },
      sinks: [new WebhookAlertSink(hook, { id: 'webhook' })],
    });
    cleanup.push(() => fleet.close());
    fleets.push(fleet);
  }
  await until(() => fleets.every((f) => f.connected), 5000, 'both instances connected');

  const room = await mqtt.connectAsync(broker.url, { protocolVersion: 5 });
  cleanup.push(() => room.endAsync());
  const health = (status: string, at: number) =>
    JSON.stringify({ status, since: new Date(at).toISOString(), detail: status === 'ok' ? null : 'no answer', metrics: {}, at });
  const t0 = Date.now();
  // Several reports each way: the share group spreads them over both instances.
  for (let i = 0; i < 6; i++) await room.publishAsync('roomctl/hq/aurora/devices/display/health', health('offline', t0 + i), { qos: 1 });
  await until(() => calls.some((c) => c.state === 'firing'), 10_000, 'the firing alert at the webhook', 50);
  for (let i = 0; i < 6; i++) await room.publishAsync('roomctl/hq/aurora/devices/display/health', health('ok', t0 + 100 + i), { qos: 1 });
  await until(() => calls.some((c) => c.state === 'resolved'), 10_000, 'the resolution at the webhook', 50);
  // Every alert stored (one row per sink, before delivery) is delivered: none waits to be sent twice.
  const rows = await until(
    async () => {
      const stored = await fleets[0]!.sql.query<{ state: string; delivered: number | null }>(
        'SELECT state, delivered_at AS delivered FROM fleet_alerts ORDER BY id',
      );
      return stored.every((r) => r.delivered !== null) ? stored : undefined;
    },
    10_000,
    'every stored alert delivered',
    50,
  );
  expect(rows.map((r) => r.state)).toEqual(['firing', 'resolved']);
  expect(calls.map((c) => `${c.rule} ${c.state}`)).toEqual(['device-offline firing', 'device-offline resolved']);
}, 60_000);
