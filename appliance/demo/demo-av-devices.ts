import { startTesiraSimulator } from '../../drivers/biamp-tesira/tesira-simulator.js';
import { startMdcSimulator } from '../../drivers/samsung-mdc/mdc-simulator.js';
import { startShureMxaSimulator } from '../../drivers/shure-mxa/shure-mxa-simulator.js';
import type { DemoDevice } from './demo-device.js';

/** A ceiling array whose levels move (the panel shows live meters once a second). */
const ceilingMic: DemoDevice = {
  id: 'ceiling-mic',
  async start() {
    const sim = await startShureMxaSimulator({ port: 0 });
    return {
      config: {
        id: 'ceiling-mic',
        name: { en: 'Ceiling microphone', 'zh-CN': '吸顶麦克风' },
        driver: 'shure-mxa',
        host: sim.endpoint.host,
        port: sim.endpoint.port,
        meterRateMs: 1000,
      },
      simulator: sim,
      close: () => sim.close(),
    };
  },
};

/** The room DSP; its MicMute block is the room's microphone mute. */
const dsp: DemoDevice = {
  id: 'dsp',
  async start() {
    const sim = await startTesiraSimulator({ port: 0 });
    const { host, port } = sim.endpoint as { host: string; port: number };
    return {
      config: {
        id: 'dsp',
        name: { en: 'Audio DSP', 'zh-CN': '音频处理器' },
        driver: 'biamp-tesira',
        host,
        port,
        muteBlock: { instanceTag: 'MicMute', channel: 1 },
        subscriptions: [{ instanceTag: 'Level1', channel: 1, attribute: 'level' }],
      },
      simulator: sim,
      close: () => sim.close(),
    };
  },
};

/** A signage display by the door, on MDC over TCP; signage is usually left on. */
const signage: DemoDevice = {
  id: 'signage',
  async start(ctx) {
    const sim = await startMdcSimulator({ port: 0, warmupMs: ctx.warmupMs });
    sim.display.power = true;
    const { host, port } = sim.endpoint as { host: string; port: number };
    return {
      config: { id: 'signage', name: { en: 'Door signage', 'zh-CN': '门口信息屏' }, driver: 'samsung-mdc', host, port },
      simulator: sim,
      close: () => sim.close(),
    };
  },
};

/** Microphones, DSPs, displays and HID devices the demo room adds beyond `display`. */
export const AV_DEMO_DEVICES: DemoDevice[] = [ceilingMic, dsp, signage];
