import type { DemoDevice } from './demo-device.js';

/** Microphones, DSPs, displays and HID devices the demo room adds beyond `display`. */
export const AV_DEMO_DEVICES: DemoDevice[] = [];
