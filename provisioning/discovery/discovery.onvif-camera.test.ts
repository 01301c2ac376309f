import { afterEach, expect, it } from 'vitest';
import { startOnvifSimulator, type RunningOnvifSimulator } from '../../drivers/onvif/onvif-camera-simulator.js';
import { PROVISIONING_DRIVERS } from '../provisioning-drivers.js';
import { validateAnswers } from '../answers/answers-load.js';
import { proposeDevices } from '../proposals.js';
import { discoverRoom } from './discover.js';

let camera: RunningOnvifSimulator | undefined;
afterEach(() => camera?.close());

it('finds an ONVIF camera by WS-Discovery and proposes it with the login from the answers', async () => {
  camera = await startOnvifSimulator({ port: 0, discovery: { port: 0 }, name: 'Rear PTZ' });
  const answers = validateAnswers(
    {
      room: { id: 'aurora', name: 'Aurora', site: 'hq', timezone: 'UTC' },
      devices: { onvif: { username: 'admin', password: 'cam-pass' } },
      discovery: {
        serialByIdDir: '/nonexistent',
        systemSerialPorts: false,
        hid: false,
        pjlink: { search: false },
        onvif: { address: '127.0.0.1', port: camera.discoveryPort, timeoutMs: 800 },
      },
    },
    'test',
  );

  const findings = await discoverRoom(answers);

  expect(findings).toEqual([
    {
      source: 'network',
      endpoint: `127.0.0.1:${camera.endpoint.port}`,
      host: '127.0.0.1',
      port: camera.endpoint.port,
      verdict: expect.objectContaining({ verdict: 'match', driver: 'onvif', settings: expect.objectContaining({ name: 'Rear PTZ' }) }),
    },
  ]);
  const proposal = proposeDevices(findings, answers, PROVISIONING_DRIVERS);
  expect(proposal.devices[0]!.entry).toEqual({
    id: 'camera-1',
    // Its own words from the ProbeMatch: its name and hardware scopes.
    name: 'Rear PTZ SIM-PTZ',
    driver: 'onvif',
    host: '127.0.0.1',
    port: camera.endpoint.port,
    username: 'admin',
    password: 'cam-pass',
  });
});

it('finds an ONVIF camera listed by address, where WS-Discovery does not reach, by the one call it answers before a login', async () => {
  camera = await startOnvifSimulator({ port: 0, discovery: { port: 0 }, auth: { username: 'admin', password: 'cam-pass', mode: 'ws-security' } });
  const where = `127.0.0.1:${camera.endpoint.port}`;
  const answers = validateAnswers(
    {
      room: { id: 'aurora', name: 'Aurora', site: 'hq', timezone: 'UTC' },
      devices: { onvif: { username: 'admin', password: 'cam-pass' } },
      discovery: { serialByIdDir: '/nonexistent', systemSerialPorts: false, hid: false, hosts: [where], pjlink: { search: false }, onvif: { search: false } },
    },
    'test',
  );

  const findings = await discoverRoom(answers);

  expect(findings).toEqual([
    expect.objectContaining({
      endpoint: where,
      verdict: expect.objectContaining({ verdict: 'match', driver: 'onvif', detail: `ONVIF camera at http://${where}/onvif/device_service` }),
    }),
  ]);
  expect(proposeDevices(findings, answers, PROVISIONING_DRIVERS).devices.map((d) => d.entry)).toEqual([
    {
      id: 'camera-1',
      name: { en: 'Camera 1', 'zh-CN': '摄像机 1' },
      driver: 'onvif',
      host: '127.0.0.1',
      port: camera.endpoint.port,
      username: 'admin',
      password: 'cam-pass',
    },
  ]);
  expect(camera.requests.map((r) => [r.operation, r.status])).toEqual([['GetSystemDateAndTime', 200]]);
}, 30_000);
