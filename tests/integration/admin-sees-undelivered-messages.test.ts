/**
 * IT opens the admin view and sees which messages did not reach people, and whether they
 * will pass by themselves: a help call posted to a deleted WeCom robot is given up at once
 * and shown as permanent, with the robot's own words.
 */
import { afterAll, beforeAll, expect, it } from 'vitest';
import { startHttpReceiver, type HttpReceiver } from '../../appliance/notify/testing/http-receiver.js';
import { startTestRoom, waitFor, type TestRoom } from '../helpers/test-room.js';

const PIN = '246813';
let room: TestRoom;
let hook: HttpReceiver;

beforeAll(async () => {
  hook = await startHttpReceiver({ status: 200, body: '{"errcode":93000,"errmsg":"invalid webhook url"}' });
  room = await startTestRoom({
    configure: (c) => {
      c.panel = { adminPin: PIN };
      c.notifications = { webhooks: [{ id: 'ops-wecom', format: 'wecom', url: `${hook.url}/cgi-bin/webhook/send?key=gone` }] };
    },
  });
});
afterAll(async () => {
  await room?.close();
  await hook?.close();
});

it('a help call to a deleted robot shows in the admin view as given up, permanent, with the reason', async () => {
  const help = await fetch(`${room.baseUrl}/api/v1/help`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${room.token}` },
    body: JSON.stringify({ message: 'No picture' }),
  });
  expect(help.status).toBeLessThan(300);
  await waitFor(() => hook.requests.length === 1, 8000, 'the help call posted to the robot');
  const session = (
    (await (
      await fetch(`${room.baseUrl}/api/v1/admin/session`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ pin: PIN }),
      })
    ).json()) as { session: string }
  ).session;
  const overview = await waitFor(
    async () => {
      const body = (await (await fetch(`${room.baseUrl}/api/v1/admin/overview`, { headers: { 'x-roomctl-admin': session } })).json()) as {
        notifications: { dead: number; failing: { failure: string; lastError: string; title: string; channel: string }[] };
      };
      return body.notifications.dead === 1 ? body : undefined;
    },
    8000,
    'the failure in the overview',
  );
  expect(overview.notifications.failing).toEqual([
    expect.objectContaining({ channel: 'ops-wecom', failure: 'permanent', title: expect.stringContaining('Help needed') }),
  ]);
  expect(overview.notifications.failing[0]!.lastError).toContain('93000');
  const list = (await (await fetch(`${room.baseUrl}/api/v1/notifications?status=dead`, { headers: { authorization: `Bearer ${room.token}` } })).json()) as {
    failure: string;
  }[];
  expect(list.map((e) => e.failure)).toEqual(['permanent']);
});
