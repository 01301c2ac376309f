import { createServer, type IncomingMessage, type Server } from 'node:http';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createHmac } from 'node:crypto';
import { afterEach, describe, expect, it } from 'vitest';
import { AlertDispatcher } from './alert-dispatcher.js';
import { WebhookAlertSink, type Alert } from './alert-sink.js';
import { openFleetSql } from './fleet-database.js';

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

  it('signs the body, and keeps an alert the receiver refused until it is accepted', async () => {
    const received: Array<{ body: string; signature: string | undefined }> = [];
    let accept = false;
    const server: Server = createServer((req: IncomingMessage, res) => {
      let body = '';
      req.on('data', (d) => (body += d));
      req.on('end', () => {
        received.push({ body, signature: req.headers['x-roomctl-signature'] as string | undefined });
        res.statusCode = accept ? 204 : 503;
        res.end();
      });
    });
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
    cleanup.push(() => new Promise((r) => server.close(r)));
    const dir = await mkdtemp(join(tmpdir(), 'roomctl-alerts-'));
    const sql = await openFleetSql({ dataDir: dir });
    cleanup.push(() => rm(dir, { recursive: true, force: true }));
    cleanup.push(() => sql.close());
    let now = 1_000_000;
    const sink = new WebhookAlertSink(`http://127.0.0.1:${(server.address() as { port: number }).port}/hook`, { secret: 's3cret' });
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
});
