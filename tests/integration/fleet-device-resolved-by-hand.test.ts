/**
 * Facilities resolve a device's issue by hand: the device's offline alert is resolved with it,
 * once, saying who did it — on the dashboard and through the channels — and the answer says the
 * device was still down by the room's last report. The device still down when the room reports
 * it again is a fresh issue and a fresh alert; a device back after its alert was resolved by
 * hand sends no second resolution, and that resolution read again says when it came back. On PostgreSQL the operator uses the instance that does not
 * run the alert rules (it tells the one that does through the database); on SQLite, the one fleet.
 */
import { createServer, type Server } from 'node:http';
import mqtt, { type MqttClient } from 'mqtt';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { WebhookAlertSink, type Alert } from '../../fleet/alert-sink.js';
import type { FleetAlertView, FleetIssue, FleetIssueAnswer } from '../../fleet/fleet-api-types.js';
import { FLEET_BACKENDS, sharedPostgres } from '../helpers/fleet-databases.js';
import { brokerForFleetTests } from '../helpers/fleet-store-per-test.js';
import { startTestFleet } from '../helpers/test-fleet.js';
import { until } from '../helpers/until.js';

type TestFleet = Awaited<ReturnType<typeof startTestFleet>>;
const BASE = 'roomctl/hq/aurora';
const broker = brokerForFleetTests();

describe.each(FLEET_BACKENDS)('a device issue resolved by hand on %s', (backend) => {
  const started: TestFleet[] = [];
  /** The instance that runs the alert rules, and the one the operators use (the other one on PostgreSQL). */
  let leader: TestFleet;
  let desk: TestFleet;
  let room: MqttClient;
  let hook: Server;
  /** What the chat channel received, in order. */
  const delivered: Alert[] = [];
  let clock = Date.parse('2026-03-02T09:00:00.000Z');

  beforeAll(async () => {
    hook = createServer((req, res) => {
      let body = '';
      req.on('data', (d) => (body += d));
      req.on('end', () => {
        delivered.push(JSON.parse(body) as Alert);
        res.statusCode = 204;
        res.end();
      });
    });
    await new Promise<void>((r) => hook.listen(0, '127.0.0.1', r));
    const sink = new WebhookAlertSink(`http://127.0.0.1:${(hook.address() as { port: number }).port}/chat`, { id: 'chat' });
    const database = backend === 'postgres' ? await (await sharedPostgres()).createDatabase() : undefined;
    for (const id of backend === 'postgres' ? ['a', 'b'] : ['a'])
      started.push(
        await startTestFleet({
          broker: { url: broker.url, protocolVersion: 5, clientId: `fleet-hand-${backend}-${id}` },
          shareGroup: `fleet-hand-${backend}`,
          database,
          // At once: the alert fires with the room's report, no waiting on the rules' tick.
          rules: { deviceOfflineAfterS: 0 },
          sinks: [sink],
        }),
      );
    await until(() => started.every((f) => f.connected) && started.some((f) => f.leadsAlerts), 10_000, 'the fleet connected, one instance leading');
    leader = started.find((f) => f.leadsAlerts)!;
    desk = started.find((f) => f !== leader) ?? leader;
    room = await mqtt.connectAsync(broker.url, { protocolVersion: 5 });
  }, 30_000);
  afterAll(async () => {
    await room?.endAsync();
    for (const fleet of started) await fleet.close();
    await new Promise((r) => hook?.close(r));
  });

  /** The room reports a device's status, a minute after its last report (a restart re-sends an unchanged one). */
  const report = (deviceId: string, status: 'ok' | 'offline') => {
    clock += 60_000;
    const at = new Date(clock).toISOString();
    const health = { status, since: at, detail: status === 'ok' ? null : 'No reply to PJLink', metrics: {}, at };
    return room.publishAsync(`${BASE}/devices/${deviceId}/health`, JSON.stringify(health), { qos: 1 });
  };
  const openIssueOf = async (deviceId: string) =>
    (await desk.desk.search({ state: 'unresolved' })).find((i: FleetIssue) => i.kind === 'device' && i.deviceId === deviceId);
  const alertsOf = async (deviceId: string): Promise<FleetAlertView[]> =>
    (await leader.alertFeed.recent()).filter((a) => a.key === `device-offline/hq/aurora/${deviceId}`).reverse();
  let token: string | undefined;
  const resolve = async (id: string) => {
    token ??= await desk.operators.add('Ana Lima');
    const answer = await fetch(`${desk.url}/api/fleet/issues/${id}/resolve`, { method: 'POST', headers: { authorization: `Bearer ${token}` } });
    return (await answer.json()) as FleetIssueAnswer;
  };

  it("resolves the device's firing alert with its issue, once, naming who; the device still down alerts again with its next report", async () => {
    await report('display', 'offline');
    const first = await until(() => openIssueOf('display'), 10_000, "the display's issue");
    await until(async () => (await alertsOf('display')).length === 1, 10_000, "the display's alert");

    const answer = await resolve(first.id);
    expect(answer).toMatchObject({ id: first.id, state: 'resolved', resolvedBy: 'Ana Lima', stillDown: 'offline' });
    // The story says the device was still down when it was resolved.
    expect((await desk.desk.log(first.id)).filter((e) => e.action === 'resolved').map((e) => [e.actor, e.text])).toEqual([['Ana Lima', 'offline']]);
    const [, resolved] = await until(async () => ((await alertsOf('display')).length === 2 ? alertsOf('display') : undefined), 10_000, 'the resolution');
    expect(resolved).toMatchObject({
      state: 'resolved',
      title: 'display offline in hq/aurora: issue resolved by hand',
      text: expect.stringMatching(/^Ana Lima resolved the issue by hand after \d+ s offline; the room has not reported the device back\.$/),
      params: { by: 'Ana Lima', forS: expect.any(Number) },
    });
    // The chat hears it as any resolution, in the same words.
    const chat = await until(() => delivered.find((a) => a.key === resolved!.key && a.state === 'resolved'), 10_000, 'the resolution in the chat');
    expect(chat).toMatchObject({ title: resolved!.title, text: resolved!.text, params: { by: 'Ana Lima' } });

    // The room starts again and re-sends the display's unchanged status: a fresh issue, a fresh alert.
    await report('display', 'offline');
    const fresh = await until(() => openIssueOf('display'), 10_000, "the display's fresh issue");
    expect(fresh.id).not.toBe(first.id);
    await until(async () => (await alertsOf('display')).length === 3, 10_000, "the display's fresh alert");
    expect((await alertsOf('display')).map((a) => a.state)).toEqual(['firing', 'resolved', 'firing']);
  });

  it('sends no second resolution when a device whose alert was resolved by hand comes back', async () => {
    await report('camera', 'offline');
    const issue = await until(() => openIssueOf('camera'), 10_000, "the camera's issue");
    await until(async () => (await alertsOf('camera')).length === 1, 10_000, "the camera's alert");
    await resolve(issue.id);
    await until(async () => (await alertsOf('camera')).length === 2, 10_000, "the camera's resolution");

    await report('camera', 'ok');
    await until(async () => (await desk.store.issue(issue.id))?.clearedAt, 10_000, 'the camera back');
    // A later resolution by hand reaches the rules after the camera's return (in commit order on PostgreSQL).
    const display = await until(() => openIssueOf('display'), 10_000, "the display's open issue");
    await resolve(display.id);
    await until(async () => (await alertsOf('display')).at(-1)?.state === 'resolved', 10_000, "the display's second resolution");

    expect((await alertsOf('camera')).map((a) => [a.state, a.params.by ?? null])).toEqual([
      ['firing', null],
      ['resolved', 'Ana Lima'],
    ]);
    // The resolution by hand said the room had not reported the camera back: read now, it says when the room did.
    expect((await alertsOf('camera'))[1]!.params.backAt).toBe((await desk.store.issue(issue.id))?.clearedAt);
    expect((await alertsOf('display')).at(-1)!.params.backAt).toBeUndefined();
    const sent = await leader.sql.query<{ state: string }>("SELECT state FROM fleet_alerts WHERE alert_key = 'device-offline/hq/aurora/camera' ORDER BY id");
    expect(sent.map((r) => r.state)).toEqual(['firing', 'resolved']);
  });
});
