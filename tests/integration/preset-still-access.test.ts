import { afterAll, beforeAll, expect, it } from 'vitest';
import { startOnvifSimulator, type RunningOnvifSimulator } from '../../drivers/onvif/onvif-camera-simulator.js';
import { startStillsRoom, type StillsRoom } from '../helpers/stills-room.js';

/**
 * Stills show people: like the media preview they need a credential (the room token, a
 * paired panel's credential, either as `?token=` for an <img>), and no request reaches a
 * file outside the stills folder.
 */
let sim: RunningOnvifSimulator;
let room: StillsRoom;
let panelToken: string;
const PAIR_CODE = 'K7QM-4XPA';

beforeAll(async () => {
  sim = await startOnvifSimulator({ events: false });
  room = await startStillsRoom({
    devices: [{ id: 'cam-rear', driver: 'onvif', host: '127.0.0.1', port: sim.endpoint.port }],
    panel: { pairCodes: [PAIR_CODE] },
  });
  await room.ready('cam-rear');
  expect((await room.save('cam-rear', 1)).thumbnail).toMatchObject({ taken: true });
  const paired = (await (
    await fetch(`${room.baseUrl}/api/v1/panels/pair`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ code: PAIR_CODE, name: 'Door panel' }),
    })
  ).json()) as { token: string };
  panelToken = paired.token;
});

afterAll(async () => {
  await room?.close();
  await sim?.close();
});

const coded = async (res: Response) => ({ status: res.status, code: ((await res.json()) as { code: string }).code });

it('refuses a request without a credential, or with a wrong one, with a coded 401', async () => {
  expect(await coded(await room.still('cam-rear', 1, { headers: {} }))).toEqual({ status: 401, code: 'ROOMCTL_E_UNAUTHORIZED' });
  expect(await coded(await room.still('cam-rear', 1, { headers: { authorization: 'Bearer not-the-token-of-this-room' } }))).toEqual({
    status: 401,
    code: 'ROOMCTL_E_UNAUTHORIZED',
  });
  expect(await coded(await room.still('cam-rear', 1, { headers: {}, query: '?token=not-the-token-of-this-room' }))).toEqual({
    status: 401,
    code: 'ROOMCTL_E_UNAUTHORIZED',
  });
  expect(await coded(await room.still('cam-rear', 1, { headers: {}, query: '?token=rcp_forged-panel-credential' }))).toEqual({
    status: 401,
    code: 'ROOMCTL_E_UNAUTHORIZED',
  });
  // Unknown devices answer the same to strangers: nothing about the room leaks before the credential.
  expect(await coded(await room.still('no-such-camera', 1, { headers: {} }))).toEqual({ status: 401, code: 'ROOMCTL_E_UNAUTHORIZED' });
});

it('serves the still for the room token and for a paired panel, in the header or as ?token=', async () => {
  expect((await room.still('cam-rear', 1)).status).toBe(200);
  expect((await room.still('cam-rear', 1, { headers: {}, query: `?token=${room.token}` })).status).toBe(200);
  expect((await room.still('cam-rear', 1, { headers: { authorization: `Bearer ${panelToken}` } })).status).toBe(200);
  expect((await room.still('cam-rear', 1, { headers: {}, query: `?token=${encodeURIComponent(panelToken)}` })).status).toBe(200);
});

it('refuses every way out of the stills folder', async () => {
  const bearer = { authorization: `Bearer ${room.token}` };
  const get = (path: string) => fetch(`${room.baseUrl}${path}`, { headers: bearer }).then(coded);
  expect(await get('/api/v1/devices/..%2F..%2F..%2Fetc/presets/1/still.jpg')).toEqual({ status: 404, code: 'ROOMCTL_E_DEVICE_NOT_FOUND' });
  expect(await get('/api/v1/devices/cam-rear%2F..%2F..%2Fstills/presets/1/still.jpg')).toEqual({ status: 404, code: 'ROOMCTL_E_DEVICE_NOT_FOUND' });
  expect(await get('/api/v1/devices/cam-rear/presets/..%2F..%2Fstills/still.jpg')).toEqual({ status: 400, code: 'ROOMCTL_E_BAD_REQUEST' });
  expect(await get('/api/v1/devices/cam-rear/presets/1%2F..%2F2/still.jpg')).toEqual({ status: 400, code: 'ROOMCTL_E_BAD_REQUEST' });
  expect(await get('/api/v1/devices/cam-rear/presets/-1/still.jpg')).toEqual({ status: 400, code: 'ROOMCTL_E_BAD_REQUEST' });
  expect(await get('/api/v1/devices/cam-rear/presets/256/still.jpg')).toEqual({ status: 400, code: 'ROOMCTL_E_BAD_REQUEST' });
  expect(await get('/api/v1/devices/cam-rear/presets/1.5/still.jpg')).toEqual({ status: 400, code: 'ROOMCTL_E_BAD_REQUEST' });
  // The store refuses such names itself too, whoever calls it.
  const store = room.appliance.core.stills!.store;
  for (const id of ['..', '../cam-rear', 'cam-rear/../x', '.hidden', 'CAM', ''])
    expect(() => store.pathOf(id, 1), id).toThrow(expect.objectContaining({ code: 'ROOMCTL_E_BAD_REQUEST' }));
  for (const preset of [-1, 1.5, 256, Number.NaN])
    expect(() => store.pathOf('cam-rear', preset), String(preset)).toThrow(expect.objectContaining({ code: 'ROOMCTL_E_BAD_REQUEST' }));
});
