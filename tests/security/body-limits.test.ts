import { afterAll, beforeAll, expect, it } from 'vitest';
import { startTestRoom, type TestRoom } from '../helpers/test-room.js';

let room: TestRoom;
beforeAll(async () => {
  room = await startTestRoom();
});
afterAll(async () => room?.close());

const post = async (path: string, body: string | undefined, contentType: string | undefined) => {
  const res = await fetch(`${room.baseUrl}${path}`, {
    method: 'POST',
    headers: { authorization: `Bearer ${room.token}`, ...(contentType ? { 'content-type': contentType } : {}) },
    body,
  });
  return { status: res.status, body: (await res.json()) as { code: string; message: string; hint: string; details?: Record<string, unknown> } };
};

it('refuses a body over the limit with 413 and a coded error that says the limit, and the room serves on', async () => {
  const big = JSON.stringify({ message: 'x'.repeat(300 * 1024) });
  const res = await post('/api/v1/help', big, 'application/json');
  expect(res.status).toBe(413);
  expect(res.body).toMatchObject({ code: 'ROOMCTL_E_BODY_TOO_LARGE', details: { limitBytes: 256 * 1024 } });
  expect(res.body.message).toMatch(/256 KB/);
  expect(res.body.hint).toMatch(/send less/);
  expect((await post('/api/v1/room/mute', JSON.stringify({ on: false }), 'application/json')).status).toBe(200);
});

it('refuses a body that is not JSON with 415 and a coded error naming the type it takes', async () => {
  for (const type of ['text/plain', 'application/x-www-form-urlencoded', 'multipart/form-data; boundary=x', 'application/xml']) {
    const res = await post('/api/v1/room/mute', type.startsWith('application/x-www') ? 'on=true' : '{"on":true}', type);
    expect(res.status, type).toBe(415);
    expect(res.body).toMatchObject({ code: 'ROOMCTL_E_UNSUPPORTED_MEDIA_TYPE', details: { accepted: ['application/json'] } });
    expect(res.body.message).toContain(type.split(';')[0]);
    expect(res.body.hint).toMatch(/Content-Type: application\/json/);
  }
  const bare = await post('/api/v1/room/mute', '{"on":true}', undefined);
  expect(bare.status).toBe(415);
  expect(bare.body.code).toBe('ROOMCTL_E_UNSUPPORTED_MEDIA_TYPE');
});
