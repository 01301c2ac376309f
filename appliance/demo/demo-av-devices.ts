import { startTesiraSimulator } from '../../drivers/biamp-tesira/tesira-simulator.js';
import { startMdcSimulator } from '../../drivers/samsung-mdc/mdc-simulator.js';
import { startShureMxaSimulator } from '../../drivers/shure-mxa/shure-mxa-simulator.js';
import { loopbackDemoDevice, type DemoDevice } from './demo-device.js';

/** A ceiling array whose levels move (the panel shows live meters once a second). */
const ceilingMic = loopbackDemoDevice({
  id: 'ceiling-mic',
  name: { en: 'Ceiling microphone', 'zh-CN': '吸顶麦克风' },
  driver: 'shure-mxa',
  start: async () => ({ sim: await startShureMxaSimulator({ port: 0 }), config: { meterRateMs: 1000 } }),
});

/** The room DSP; its MicMute block is the room's microphone mute. */
const dsp = loopbackDemoDevice({
  id: 'dsp',
  name: { en: 'Audio DSP', 'zh-CN': '音频处理器' },
  driver: 'biamp-tesira',
  start: async () => ({
    sim: await startTesiraSimulator({ port: 0 }),
    config: { muteBlock: { instanceTag: 'MicMute', channel: 1 }, subscriptions: [{ instanceTag: 'Level1', channel: 1, attribute: 'level' }] },
  }),
});

/** A signage display by the door, on MDC over TCP; signage is usually left on. */
const signage = loopbackDemoDevice({
  id: 'signage',
  name: { en: 'Door signage', 'zh-CN': '门口信息屏' },
  driver: 'samsung-mdc',
  async start(ctx) {
    const sim = await startMdcSimulator({ port: 0, warmupMs: ctx.warmupMs });
    sim.display.power = true;
    return { sim };
  },
});

/** Microphones, DSPs, displays and HID devices the demo room adds beyond `display`. */
export const AV_DEMO_DEVICES: DemoDevice[] = [ceilingMic, dsp, signage];
