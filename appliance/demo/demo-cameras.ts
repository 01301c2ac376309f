import type { DemoDevice } from './demo-device.js';

/** Cameras the demo room adds beyond cam-front (the camera issue's drivers). */
export const CAMERA_DEMO_DEVICES: DemoDevice[] = [];
