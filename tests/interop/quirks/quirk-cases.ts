import type { DeviceConfig } from '../../../appliance/config/config-schema.js';
import type { ErrorCode } from '../../../drivers/core/errors.js';
import { startLgSimulator } from '../../../drivers/lg-serial/lg-simulator.js';
import { startMdcSimulator } from '../../../drivers/samsung-mdc/mdc-simulator.js';
import { startPjlinkSimulator } from '../../../drivers/pjlink/pjlink-simulator.js';
import { startQsysSimulator } from '../../../drivers/qsys-qrc/qsys-simulator.js';
import { startShureMxaSimulator } from '../../../drivers/shure-mxa/shure-mxa-simulator.js';
import { startTesiraSimulator } from '../../../drivers/biamp-tesira/tesira-simulator.js';
import { createPtyPair } from '../../../drivers/sim/pty-pair.js';
import { freeUdpPort } from '../../../drivers/sim/free-udp-port.js';

/**
 * Every driver against every quirk profile of its own simulator: what a room does with the
 * device (its usual actions), and how each action must end on a device that behaves that way.
 * `'ok'` or the coded refusal a person can act on; a profile's row lists only its differences.
 * Delays are the documented ones under ROOMCTL_FULL=1, scaled down by default.
 */
export const FULL = process.env.ROOMCTL_FULL === '1';
const slow = (fullMs: number) => (FULL ? fullMs : Math.round(fullMs / 6));

export type Step = { action: string; params: Record<string, unknown> };
export type Outcome = 'ok' | ErrorCode;

export interface RunningCase {
  device: DeviceConfig;
  close(): Promise<void>;
}

export interface QuirkCase {
  driver: string;
  start(profile: string | undefined): Promise<RunningCase>;
  conversation: Step[];
  /** Outcomes that differ from 'ok', by profile then action. */
  differences: Record<string, Record<string, Outcome>>;
}

const step = (action: string, params: Record<string, unknown> = {}): Step => ({ action, params });

export const QUIRK_CASES: QuirkCase[] = [
  {
    driver: 'pjlink',
    async start(profile) {
      const notifyPort = profile === 'notifications' ? await freeUdpPort('127.0.0.1') : 0;
      const sim = await startPjlinkSimulator({
        port: 0,
        quirks: profile ? [profile] : [],
        warmupMs: profile === 'slow-warmup' ? slow(20_000) : 100,
        replyDelayMs: profile === 'slow-warmup' ? slow(2000) : slow(1500),
        idleTimeoutMs: profile === 'idle-drop' ? slow(3000) : undefined,
        notifyPort,
      });
      const password = profile === 'auth-lockout' ? { password: 'pjlink' } : {};
      return { device: { id: 'display', driver: 'pjlink', ...sim.endpoint, notifyPort, ...password }, close: () => sim.close() };
    },
    conversation: [
      step('power', { on: true }),
      step('input', { input: '32' }),
      step('mute', { on: true }),
      step('blank', { on: false }),
      step('volume', { level: 40 }),
      step('status'),
    ],
    differences: {
      'class1-only': { volume: 'ROOMCTL_E_NOT_SUPPORTED' },
      'avmt-31-only': { mute: 'ROOMCTL_E_NOT_SUPPORTED', blank: 'ROOMCTL_E_ACTION_PARAMS' },
    },
  },
  {
    driver: 'samsung-mdc',
    async start(profile) {
      const sim = await startMdcSimulator({ port: 0, warmupMs: 50, quirks: profile ? [profile] : [], replyDelayMs: slow(1200) });
      return {
        device: { id: 'display', driver: 'samsung-mdc', host: sim.endpoint.host as string, port: sim.endpoint.port as number },
        close: () => sim.close(),
      };
    },
    conversation: [step('power', { on: true }), step('input', { input: 'hdmi2' }), step('volume', { level: 30 }), step('mute', { on: true }), step('status')],
    differences: { 'no-speaker': { volume: 'ROOMCTL_E_NOT_SUPPORTED', mute: 'ROOMCTL_E_NOT_SUPPORTED' } },
  },
  {
    driver: 'lg-serial',
    async start(profile) {
      const pair = await createPtyPair();
      const sim = await startLgSimulator({ path: pair.simulatorPath, quirks: profile ? [profile] : [], replyDelayMs: slow(1000) });
      return {
        device: { id: 'display', driver: 'lg-serial', port: pair.devicePath },
        async close() {
          await sim.close();
          await pair.close();
        },
      };
    },
    conversation: [step('power', { on: true }), step('input', { input: 'hdmi2' }), step('volume', { level: 30 }), step('mute', { on: true }), step('status')],
    differences: { 'no-speaker': { volume: 'ROOMCTL_E_NOT_SUPPORTED', mute: 'ROOMCTL_E_NOT_SUPPORTED' } },
  },
  {
    driver: 'shure-mxa',
    async start(profile) {
      const sim = await startShureMxaSimulator({ port: 0, quirks: profile ? [profile] : [], replyDelayMs: slow(1200) });
      return { device: { id: 'mic', driver: 'shure-mxa', ...sim.endpoint }, close: () => sim.close() };
    },
    conversation: [step('mute', { on: true }), step('channel.gain', { channel: 2, gainDb: -3 }), step('channel.mute', { channel: 6, on: true })],
    differences: { mxa310: { 'channel.mute': 'ROOMCTL_E_ACTION_PARAMS' } },
  },
  {
    driver: 'biamp-tesira',
    async start(profile) {
      const sim = await startTesiraSimulator({ port: 0, quirks: profile ? [profile] : [], replyDelayMs: slow(1200) });
      return {
        device: {
          id: 'dsp',
          driver: 'biamp-tesira',
          host: '127.0.0.1',
          port: (sim.endpoint as { port: number }).port,
          muteBlock: { instanceTag: 'MicMute', channel: 1 },
        },
        close: () => sim.close(),
      };
    },
    conversation: [
      step('mute', { on: true }),
      step('level.set', { instanceTag: 'Level1', channel: 1, level: -10 }),
      step('mute.get', { instanceTag: 'Mute1', channel: 2 }),
    ],
    differences: { 'no-mic-mute-block': { mute: 'ROOMCTL_E_DEVICE_REJECTED' } },
  },
  {
    driver: 'qsys-qrc',
    async start(profile) {
      const sim = await startQsysSimulator({ port: 0, quirks: profile ? [profile] : [], replyDelayMs: slow(1500) });
      const logon = profile === 'logon-required' ? { user: 'roomctl', password: '1234' } : {};
      return {
        device: { id: 'dsp', driver: 'qsys-qrc', ...sim.endpoint, muteControl: { component: 'MicMute', control: 'mute' }, ...logon },
        close: () => sim.close(),
      };
    },
    conversation: [
      step('mute', { on: true }),
      step('component.get', { name: 'Gain1', controls: ['gain'] }),
      step('mixer.inputMute', { name: 'Mixer1', inputs: '1', on: true }),
    ],
    differences: {
      'no-mixer': { 'mixer.inputMute': 'ROOMCTL_E_DEVICE_REJECTED' },
      standby: { mute: 'ROOMCTL_E_DEVICE_BUSY', 'component.get': 'ROOMCTL_E_DEVICE_BUSY', 'mixer.inputMute': 'ROOMCTL_E_DEVICE_BUSY' },
    },
  },
];
