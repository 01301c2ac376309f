/**
 * Provisioning a Chinese-speaking room whose devices nobody named in the answers (two VISCA
 * cameras on one adapter, a Samsung MDC display, a PJLink display and an ONVIF camera, each a
 * simulator on a real PTY or loopback socket): every device in the written config has a name
 * a person recognises — the ONVIF camera its own name and model from its ProbeMatch, the
 * PJLink display the name it answers to `NAME ?`, the others their kind and number in both
 * panel languages — never only `camera-1`.
 */
import { join } from 'node:path';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { loadConfigFile } from '../appliance/config/config-load.js';
import { startOnvifSimulator, type RunningOnvifSimulator } from '../drivers/onvif/onvif-camera-simulator.js';
import { PROVISIONING_DRIVERS } from './provisioning-drivers.js';
import { provision } from './provision.js';
import { startRoomLab, type RoomLab } from './testing/room-lab.js';

let lab: RoomLab;
let camera: RunningOnvifSimulator;

beforeAll(async () => {
  lab = await startRoomLab({ viscaCameras: 2, mdc: true });
  camera = await startOnvifSimulator({ port: 0, discovery: { port: 0 }, auth: { username: 'operator', password: 'cam-pass' }, name: 'Rear PTZ' });
  const answers = lab.answers({
    room: { id: 'hq-3f-aurora', name: 'Aurora', site: 'hq', timezone: 'Asia/Shanghai', language: 'zh-CN' },
    devices: { onvif: { username: 'operator', password: 'cam-pass' } },
    discovery: { onvif: { address: '127.0.0.1', port: camera.discoveryPort, timeoutMs: 800 } },
  });
  await provision({
    answers,
    root: lab.root,
    drivers: PROVISIONING_DRIVERS,
    discovery: lab.deps,
    out: () => undefined,
    progress: () => undefined,
    doctorDeviceTimeoutMs: 8000,
  });
}, 60_000);
afterAll(async () => {
  await lab?.close();
  await camera?.close();
});

it('writes a name for every device it found, from what the device said or from its kind and number', async () => {
  const config = await loadConfigFile(join(lab.root, 'etc/roomctl/room.yaml'), PROVISIONING_DRIVERS);
  expect(config.devices.map((d) => [d.id, d.name])).toEqual([
    ['camera-1', { en: 'Camera 1', 'zh-CN': '摄像机 1' }],
    ['camera-2', { en: 'Camera 2', 'zh-CN': '摄像机 2' }],
    ['display-1', { en: 'Display 1', 'zh-CN': '显示屏 1' }],
    ['camera-3', 'Rear PTZ SIM-PTZ'],
    ['display-2', 'Simulated Display'],
  ]);
});
