import { randomBytes } from 'node:crypto';
import { startOnvifSimulator, type RunningOnvifSimulator } from '../../drivers/onvif/onvif-camera-simulator.js';
import { WS_DISCOVERY_PORT } from '../../drivers/onvif/onvif-discovery-messages.js';
import { startViscaIpSimulator } from '../../drivers/visca/visca-ip-simulator.js';
import { loopbackDemoDevice, type DemoDevice } from './demo-device.js';

/** An ONVIF camera that answers WS-Discovery on the real port when it can, so provisioning finds it. */
async function startDemoOnvifCamera(auth: { username: string; password: string }): Promise<RunningOnvifSimulator> {
  try {
    return await startOnvifSimulator({ name: 'Demo rear camera', auth, discovery: { port: WS_DISCOVERY_PORT } });
  } catch {
    // Port 3702 held by something that does not share it: a private discovery port will do.
    return startOnvifSimulator({ name: 'Demo rear camera', auth, discovery: { port: 0 } });
  }
}

/** Cameras the demo room adds beyond cam-front (the camera issue's drivers). */
export const CAMERA_DEMO_DEVICES: DemoDevice[] = [
  loopbackDemoDevice({
    id: 'cam-rear',
    name: { en: 'Rear camera', 'zh-CN': '后置摄像头' },
    driver: 'onvif',
    async start() {
      // Credentials made up per run: the demo exercises authentication like a real camera.
      const auth = { username: 'demo', password: randomBytes(9).toString('base64url') };
      return { sim: await startDemoOnvifCamera(auth), config: auth };
    },
  }),
  loopbackDemoDevice({
    id: 'cam-side',
    name: { en: 'Side camera', 'zh-CN': '侧面摄像头' },
    driver: 'visca-ip',
    start: async () => ({ sim: await startViscaIpSimulator({ host: '127.0.0.1', port: 0, camera: { model: 'sony' } }), config: { model: 'sony' } }),
  }),
];
