import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createHmac } from 'node:crypto';
import { afterEach, describe, expect, it } from 'vitest';
import { AlertDispatcher } from './alert-dispatcher.js';
import { WebhookAlertSink, type Alert } from './alert-sink.js';
import { openFleetSql } from './fleet-database.js';
import { FleetIngest } from './fleet-ingest.js';
import { FleetMetrics } from './fleet-metrics.js';
import { DEFAULT_RETENTION, pruneFleetHistory } from './fleet-retention.js';
import { FleetStore } from './fleet-store.js';

/** How long a delivery is tried before it is given up (the README's word to facilities). */
const A_DAY_MS = 24 * 60 * 60_000;

const ALERT: Alert = {
  key: 'device-offline/hq/aurora/display',
  rule: 'device-offline',
  state: 'firing',
  site: 'hq',
  room: 'aurora',
  deviceId: 'display',
  title: 'display offline in hq/aurora',
  text: 'x',
  params: {},
  at: '2026-01-01T00:00:00.000Z',
};

describe('alert delivery through a JSON webhook', () => {
  const cleanup: Array<() => Promise<unknown>> = [];
  afterEach(async () => {
    for (const c of cleanup.splice(0).reverse()) await c();
  });

  /** A webhook receiver on loopback answering with `handle`, and a fresh fleet database; both closed after the test. */
  async function webhookAndFleetDb(handle: (req: IncomingMessage, res: ServerResponse) => void) {
    const server: Server = createServer(handle);
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
    cleanup.push(() => new Promise((r) => server.close(r)));
    const dir = await mkdtemp(join(tmpdir(), 'roomctl-alerts-'));
    const sql = await openFleetSql({ dataDir: dir });
    cleanup.push(() => rm(dir, { recursive: true, force: true }));
    cleanup.push(() => sql.close());
    return { url: `http://127.0.0.1:${(server.address() as { port: number }).port}/hook`, sql };
  }

  it('signs the body, and keeps an alert the receiver refused until it is accepted', async () => {
    const received: Array<{ body: string; signature: string | undefined }> = [];
    let accept = false;
    const { url, sql } = await webhookAndFleetDb((req, res) => {
      let body = '';
      req.on('data', (d) => (body += d));
      req.on('end', () => {
        received.push({ body, signature: req.headers['x-roomctl-signature'] as string | undefined });
        res.statusCode = accept ? 204 : 503;
        res.end();
      });
    });
    let now = 1_000_000;
    const sink = new WebhookAlertSink(url, { secret: 's3cret' });
    const dispatcher = new AlertDispatcher(sql, [sink], { now: () => now, pollMs: 0 });
    cleanup.push(() => dispatcher.stop());

    await dispatcher.enqueue(ALERT);
    await dispatcher.drain();
    expect(received).toHaveLength(1);
    await dispatcher.drain();
    expect(received, 'not retried before its time').toHaveLength(1);
    accept = true;
    now += 5_000;
    await dispatcher.drain();
    expect(received).toHaveLength(2);
    const { body, signature } = received[1]!;
    expect(JSON.parse(body)).toMatchObject({ source: 'roomctl-fleet', ...ALERT });
    expect(signature).toBe(`sha256=${createHmac('sha256', 's3cret').update(body).digest('hex')}`);
    now += 600_000;
    await dispatcher.drain();
    expect(received, 'delivered once it was accepted').toHaveLength(2);
  });

  it("gives a delivery up after a day of refusals, and a channel's oldest beyond its bound, each said once with a code", async () => {
    let refused = 0;
    const { url, sql } = await webhookAndFleetDb((req, res) => {
      req.resume();
      req.on('end', () => {
        refused++;
        res.statusCode = 503;
        res.end();
      });
    });
    const warnings: Array<Record<string, unknown>> = [];
    const log = { warn: (fields: Record<string, unknown>) => void warnings.push(fields), info: () => undefined };
    const givenUpWarnings = () => warnings.filter((w) => w.code === 'ROOMCTL_E_ALERT_GIVEN_UP');
    const t0 = 1_000_000;
    let now = t0;
    const sink = new WebhookAlertSink(url);
    const dispatcher = new AlertDispatcher(sql, [sink], { now: () => now, pollMs: 0, log, waitingPerSink: 3 });
    cleanup.push(() => dispatcher.stop());
    const metrics = new FleetMetrics(
      new FleetIngest(await FleetStore.open(sql)),
      () => true,
      () => 0,
      dispatcher,
    );
    cleanup.push(async () => metrics.stop());
    const givenUpCounted = async () =>
      [...(await metrics.text()).matchAll(/^roomctl_fleet_alerts_given_up_total\{sink="([^"]+)",reason="(\w+)"\} (\d+)$/gm)].map(([, s, reason, n]) => [
        s,
        reason,
        Number(n),
      ]);
    const rows = () =>
      sql.query<{ alert_key: string; given_up_at: number | null; last_error: string | null }>(
        'SELECT alert_key, given_up_at, last_error FROM fleet_alerts ORDER BY id',
      );

    await dispatcher.enqueue(ALERT);
    await dispatcher.drain();
    now = t0 + A_DAY_MS - 1;
    await dispatcher.drain();
    expect(refused, 'refused twice, still tried within the day').toBe(2);
    expect(givenUpWarnings()).toEqual([]);
    expect(await givenUpCounted()).toEqual([]);
    now += 600_000;
    await dispatcher.drain();
    expect(refused).toBe(3);
    expect(givenUpWarnings(), 'given up once the day has passed, said once').toMatchObject([{ key: ALERT.key, sink: sink.id }]);
    now += 10 * A_DAY_MS;
    await dispatcher.drain();
    expect(refused, 'never tried again').toBe(3);
    expect(givenUpWarnings()).toHaveLength(1);
    expect(await givenUpCounted(), 'counted once on /metrics, however often it is read').toEqual([[sink.id, 'failing', 1]]);
    expect(await givenUpCounted()).toEqual([[sink.id, 'failing', 1]]);
    expect((await rows())[0]).toMatchObject({
      given_up_at: t0 + A_DAY_MS - 1 + 600_000,
      last_error: expect.stringMatching(/^Alert delivery given up: failing for a day \(.*HTTP 503\)$/),
    });

    // The channel's bound: 3 waiting; a fourth gives up the oldest, which is said once.
    const keys = ['a', 'b', 'c', 'd'].map((k) => `device-offline/hq/aurora/${k}`);
    for (const key of keys) await dispatcher.enqueue({ ...ALERT, key });
    await dispatcher.drain();
    expect((await rows()).map((r) => [r.alert_key, r.given_up_at !== null])).toEqual([
      [ALERT.key, true],
      [keys[0], true],
      [keys[1], false],
      [keys[2], false],
      [keys[3], false],
    ]);
    expect((await rows())[1]!.last_error).toBe('Alert delivery given up: 3 alerts were waiting for this channel');
    expect(givenUpWarnings().map((w) => w.key)).toEqual([ALERT.key, keys[0]]);
    expect(await givenUpCounted()).toEqual([
      [sink.id, 'failing', 1],
      [sink.id, 'waiting', 1],
    ]);

    // Given up rows go with the delivered ones' retention; the waiting ones stay.
    await pruneFleetHistory(sql, DEFAULT_RETENTION, now + (DEFAULT_RETENTION.alertDays + 1) * 86_400_000);
    expect((await rows()).map((r) => r.alert_key)).toEqual(keys.slice(1));
  });
});
