import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Writable } from 'node:stream';
import { afterAll, expect, it } from 'vitest';
import { startDemoRoom, type DemoRoom } from '../../appliance/demo/demo-room.js';
import { createLogger } from '../../appliance/logger.js';
import { until } from '../helpers/until.js';

const PIN = '730918264551';
const MQTT_PASSWORD = 'mqtt-broker-password-never-logged';
const COMMAND_SECRET = 'central-command-hmac-secret-never-logged-0123';
const DISPLAY_PASSWORD = 'pjlink-display-password';

let demo: DemoRoom | undefined;
let dir: string | undefined;
afterAll(async () => {
  await demo?.close();
  if (dir) await rm(dir, { recursive: true, force: true });
});

/**
 * The demo room at trace level, its logs captured, taken through everything that handles a
 * secret: pairing a panel (claim, credential), the admin PIN (wrong, then right: a session),
 * the meeting code on the phone page (right and wrong), the room token (right and wrong),
 * central command keys and broker and device passwords from the config. Not one of them
 * appears in any log line — nor in the admin view's recent-logs ring.
 */
it('no token, password, PIN, session, pairing secret or meeting code reaches the logs, even at trace', async () => {
  const lines: string[] = [];
  const sink = new Writable({
    write(chunk, _enc, done) {
      lines.push(...String(chunk).split('\n').filter(Boolean));
      done();
    },
  });
  dir = await mkdtemp(join(tmpdir(), 'roomctl-log-secrets-'));
  demo = await startDemoRoom({
    log: createLogger({ level: 'trace', destination: sink }),
    listen: '127.0.0.1:0',
    dataDir: dir,
    mqttPort: 0,
    warmupMs: 50,
    configure: (config) => {
      config.panel = { ...config.panel, adminPin: PIN };
      config.mqtt = { ...config.mqtt!, username: 'room-demo', password: MQTT_PASSWORD, commandKeys: [{ id: 'central', secret: COMMAND_SECRET }] };
      config.devices = config.devices.map((d) => (d.id === 'display' ? { ...d, password: DISPLAY_PASSWORD } : d));
    },
  });
  const url = demo.appliance.url;
  await until(() => demo!.appliance.core.devices.get('cam-front')?.status === 'ok', 8000, 'the camera ok');
  const call = async (method: string, path: string, body?: unknown, headers: Record<string, string> = {}) => {
    const res = await fetch(`${url}${path}`, {
      method,
      headers: { ...headers, ...(body === undefined ? {} : { 'content-type': 'application/json' }) },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    return { status: res.status, body: (await res.json().catch(() => ({}))) as Record<string, string> };
  };
  const bearer = { authorization: `Bearer ${demo.token}` };
  const secrets: Record<string, string> = {
    token: demo.token,
    pin: PIN,
    mqttPassword: MQTT_PASSWORD,
    commandSecret: COMMAND_SECRET,
    displayPassword: DISPLAY_PASSWORD,
  };

  // A panel pairs: it asks, the admin approves with the PIN (a wrong one first), it claims its credential.
  const asked = await call('POST', '/api/v1/panels/pair', { code: 'K7QM-4XPA', name: 'Door panel' });
  secrets.claim = asked.body.claim!;
  await call('POST', '/api/v1/panels/pair/approve', { code: 'K7QM-4XPA', pin: '731111111111' });
  expect((await call('POST', '/api/v1/panels/pair/approve', { code: 'K7QM-4XPA', pin: PIN })).status).toBe(200);
  const claimed = await call('POST', '/api/v1/panels/pair/claim', { requestId: asked.body.requestId, claim: asked.body.claim });
  secrets.panelCredential = claimed.body.token!;
  expect(
    (await call('POST', '/api/v1/devices/cam-front/actions/preset.recall', { preset: 2 }, { authorization: `Bearer ${secrets.panelCredential}` })).status,
  ).toBe(200);

  // The admin view: a session from the PIN, the overview and the recent logs.
  const session = await call('POST', '/api/v1/admin/session', { pin: PIN });
  secrets.adminSession = session.body.session!;
  expect((await call('GET', '/api/v1/admin/overview', undefined, { 'x-roomctl-admin': secrets.adminSession })).status).toBe(200);

  // A meeting, joined from a phone with its code; a wrong code; a wrong token.
  const meeting = await call('POST', '/api/v1/bookings', { minutes: 30, title: 'Secrets review' }, bearer);
  const access = await call('GET', `/api/v1/meetings/${meeting.body.id}/access`, undefined, bearer);
  secrets.meetingCode = access.body.code!;
  expect(
    (await call('POST', `/api/v1/meetings/${meeting.body.id}/checkins`, { name: 'Phone user', walkIn: true }, { 'x-meeting-code': secrets.meetingCode }))
      .status,
  ).toBe(200);
  await call('POST', `/api/v1/meetings/${meeting.body.id}/notes`, { text: 'from the phone' }, { 'x-meeting-code': secrets.meetingCode });
  await call('POST', `/api/v1/meetings/${meeting.body.id}/notes`, { text: 'guessing' }, { 'x-meeting-code': 'ABCD-EFGH' });
  await call('GET', `/api/v1/meetings/${meeting.body.id}/minutes.md?code=${secrets.meetingCode}`);
  await call('POST', '/api/v1/devices/cam-front/actions/preset.recall', { preset: 1 }, { authorization: 'Bearer a-wrong-token-that-is-not-logged-either' });
  await call('POST', '/api/v1/help', { message: 'help from the secrets test' }, bearer);
  await until(() => lines.some((l) => l.includes('"request"')), 3000, 'request logs');
  const ring = await call('GET', '/api/v1/admin/logs?limit=500', undefined, { 'x-roomctl-admin': secrets.adminSession });

  expect(lines.length).toBeGreaterThan(50);
  const all = `${lines.join('\n')}\n${JSON.stringify(ring.body)}`;
  for (const [name, secret] of Object.entries(secrets)) {
    expect(secret, `${name} was produced by the flow`).toBeTruthy();
    expect(all.includes(secret), `${name} appears in the logs`).toBe(false);
  }
  expect(all).not.toContain('a-wrong-token-that-is-not-logged-either');
  // The flow did run and was logged: pairing, the admin session, the meeting.
  expect(all).toContain('panel paired');
  expect(all).toContain('admin session opened');
}, 60_000);
