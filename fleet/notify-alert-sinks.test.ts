import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { startHttpReceiver, type HttpReceiver } from '../appliance/notify/testing/http-receiver.js';
import type { Alert } from './alert-sink.js';
import { loadNotificationsFile, notifyAlertSinks } from './notify-alert-sinks.js';

const ALERT: Alert = {
  key: 'help/h1',
  rule: 'help-request',
  state: 'firing',
  site: 'hq',
  room: 'aurora',
  title: 'Help requested in hq/aurora',
  text: 'No sound',
  params: { message: 'No sound' },
  at: '2026-01-01T00:00:00.000Z',
};

describe('fleet alerts through the rooms’ notification channels', () => {
  let dir: string | undefined;
  let receiver: HttpReceiver | undefined;
  afterEach(async () => {
    await receiver?.close();
    if (dir) await rm(dir, { recursive: true, force: true });
  });

  it('reads a notifications file and posts an alert to its Slack channel in Slack’s shape', async () => {
    receiver = await startHttpReceiver();
    dir = await mkdtemp(join(tmpdir(), 'roomctl-notify-'));
    const file = join(dir, 'notify.yaml');
    await writeFile(file, `notifications:\n  webhooks:\n    - { id: facilities-slack, format: slack, url: "${receiver.url}/hook" }\n`);
    const sinks = notifyAlertSinks(await loadNotificationsFile(file));
    expect(sinks.map((s) => s.id)).toEqual(['notify:facilities-slack']);
    await sinks[0]!.send(ALERT);
    expect(receiver.requests).toHaveLength(1);
    expect(receiver.requests[0]!.body).toContain('Help requested in hq/aurora');
  });

  it('says which field of the file is wrong', async () => {
    dir = await mkdtemp(join(tmpdir(), 'roomctl-notify-'));
    const file = join(dir, 'notify.yaml');
    await writeFile(file, 'notifications:\n  webhooks:\n    - { id: x, format: carrier-pigeon, url: "http://127.0.0.1/" }\n');
    await expect(loadNotificationsFile(file)).rejects.toMatchObject({
      code: 'ROOMCTL_E_CONFIG_INVALID',
      message: expect.stringMatching(/notifications\.webhooks\.0\.format/),
    });
  });
});
