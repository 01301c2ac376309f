/**
 * interop: how the room holds against devices as they really behave. For every simulator that
 * declares quirk profiles (and its friendly default), a device under the real DeviceHost is
 * probed every second while the room runs its usual actions on it in a loop (at most ten a
 * second), and we count:
 *  - false_offline_s: seconds the device was offline or reconnecting although its simulator
 *    was up and answering (target 0: a slow device is degraded, never offline);
 *  - success_pct: actions answered 2xx; answered_pct: actions the device answered at all
 *    (2xx or a coded refusal such as "this model has no speakers"), the rest being timeouts,
 *    lost links or "sent, outcome unknown".
 * The actions are the shared ones each driver offers (power, input, mute, volume, move, stop,
 * home, preset.save/recall…), so profiles added to any simulator land here without changes.
 * Reference in the same run: each driver's friendly default (the `-` row).
 */
import type { DeviceConfig } from '../../appliance/config/config-schema.js';
import { toRoomctlError } from '../../drivers/core/errors.js';
import { DRIVERS } from '../../drivers/registry.js';
import { createPtyPair, type PtyPair } from '../../drivers/sim/pty-pair.js';
import type { RunningSimulator, SimulatorDefinition } from '../../drivers/sim/simulator.js';
import { loadSimulators } from '../../drivers/sim/simulators.js';
import { freeUdpPort } from '../../drivers/sim/free-udp-port.js';
import { hostDevices } from '../helpers/hosted-devices.js';
import { until } from '../helpers/until.js';
import type { Benchmark, BenchResult } from './bench-types.js';
import { round } from './stats.js';

/** How each simulator is started on private loopback ports (network) or a PTY (serial). */
const LOOPBACK: Record<string, Record<string, string>> = {
  pjlink: { listen: '127.0.0.1:0' },
  'samsung-mdc': { listen: '127.0.0.1:0', warmupMs: '1000' },
  'shure-mxa': { listen: '127.0.0.1:0' },
  'biamp-tesira': { listen: '127.0.0.1:0' },
  'qsys-qrc': { listen: '127.0.0.1:0' },
  onvif: { port: '0', discoveryPort: '0' },
  'visca-ip': { port: '0' },
};

/** Device config a driver needs beyond the simulator's endpoint (which block is the mute, the password a profile sets). */
function extraConfig(driver: string, profile: string | undefined): Record<string, unknown> {
  if (driver === 'pjlink') return profile === 'auth-lockout' ? { password: 'pjlink' } : {};
  if (driver === 'biamp-tesira') return { muteBlock: { instanceTag: 'MicMute', channel: 1 } };
  if (driver === 'onvif' && profile === 'lockout') return { username: 'admin', password: 'onvif' };
  if (driver === 'qsys-qrc')
    return { muteControl: { component: 'MicMute', control: 'mute' }, ...(profile === 'logon-required' ? { user: 'roomctl', password: '1234' } : {}) };
  return {};
}

const ACTION_GAP_MS = 100;

/** The shared actions a room runs, with parameters every driver offering them accepts. */
const USUAL_ACTIONS: Array<[string, Record<string, unknown>]> = [
  ['power', { on: true }],
  ['input', {}],
  ['mute', { on: true }],
  ['volume', { level: 30 }],
  ['mute', { on: false }],
  ['move', { pan: 0.2, tilt: 0, zoom: 0 }],
  ['stop', {}],
  ['preset.save', { preset: 2 }],
  ['home', {}],
  ['preset.recall', { preset: 2 }],
];

interface Started {
  device: DeviceConfig;
  close(): Promise<void>;
}

async function startOne(sim: SimulatorDefinition, profile: string | undefined): Promise<Started> {
  const definition = DRIVERS.find((d) => d.id === sim.driver)!;
  const quirks: Record<string, string> = profile ? { quirks: profile } : {};
  let pair: PtyPair | undefined;
  let running: RunningSimulator;
  let endpoint: Record<string, unknown>;
  if (definition.transport === 'serial') {
    pair = await createPtyPair();
    running = await sim.start({ port: pair.simulatorPath, ...quirks });
    endpoint = { port: pair.devicePath };
  } else {
    // PJLink displays notify a UDP port both ends must agree on.
    const notify = sim.driver === 'pjlink' ? await freeUdpPort('127.0.0.1') : undefined;
    running = await sim.start({ ...(LOOPBACK[sim.driver] ?? { listen: '127.0.0.1:0' }), ...quirks, ...(notify ? { notifyPort: String(notify) } : {}) });
    endpoint = { host: running.endpoint.host, port: running.endpoint.port, ...(notify ? { notifyPort: notify } : {}) };
  }
  return {
    device: { id: 'device', driver: sim.driver, ...endpoint, ...extraConfig(sim.driver, profile) },
    async close() {
      await running.close();
      await pair?.close();
    },
  };
}

interface ProfileFigures {
  falseOfflineS: number;
  actions: number;
  ok: number;
  answered: number;
}

async function measure(sim: SimulatorDefinition, profile: string | undefined, runMs: number): Promise<ProfileFigures> {
  const started = await startOne(sim, profile);
  const room = hostDevices([started.device], { probeIntervalMs: 1000 });
  try {
    await until(() => room.host.get('device').status !== 'connecting', 60_000, `${sim.driver} ${profile ?? ''} to connect`);
    const definition = DRIVERS.find((d) => d.id === sim.driver)!;
    const offered = new Set(room.host.get('device').actions.map((a) => a.name));
    const inputs = definition.capabilities.find((c) => c.name === 'input')?.traits?.inputs as string[] | undefined;
    const conversation = USUAL_ACTIONS.filter(([name]) => offered.has(name)).map(([name, params]): [string, Record<string, unknown>] =>
      name === 'input' ? [name, { input: inputs?.[1] ?? inputs?.[0] }] : [name, params],
    );
    const figures: ProfileFigures = { falseOfflineS: 0, actions: 0, ok: 0, answered: 0 };
    const from = Date.now();
    for (let i = 0; Date.now() - from < runMs && conversation.length > 0; i++) {
      // A busy room, not a flood: at most ten actions a second.
      if (i > 0) await new Promise((resolve) => setTimeout(resolve, ACTION_GAP_MS));
      const [name, params] = conversation[i % conversation.length]!;
      figures.actions++;
      await room.host.execute('device', name, params).then(
        () => {
          figures.ok++;
          figures.answered++;
        },
        (err: unknown) => {
          const code = toRoomctlError(err).code;
          if (['ROOMCTL_E_NOT_SUPPORTED', 'ROOMCTL_E_DEVICE_REJECTED', 'ROOMCTL_E_ACTION_PARAMS', 'ROOMCTL_E_DEVICE_BUSY'].includes(code)) figures.answered++;
        },
      );
    }
    if (conversation.length === 0) await new Promise((resolve) => setTimeout(resolve, runMs));
    // Time spent offline or reconnecting after the first connect, up to now.
    const history = room.history('device');
    const end = Date.now();
    const firstUp = history.findIndex((h) => h.status === 'ok' || h.status === 'degraded');
    for (let i = Math.max(firstUp, 0); i < history.length; i++) {
      const h = history[i]!;
      if (h.status === 'offline' || h.status === 'connecting' || h.status === 'auth-failed')
        figures.falseOfflineS += ((history[i + 1]?.at ?? end) - h.at) / 1000;
    }
    if (firstUp === -1) figures.falseOfflineS = (end - from) / 1000;
    return figures;
  } finally {
    await room.stop();
    await started.close();
  }
}

const bench: Benchmark = {
  name: 'interop',
  async run({ quick }): Promise<BenchResult> {
    const runMs = quick ? 8_000 : 20_000;
    const figures: Record<string, number> = {};
    const units: Record<string, string> = {};
    const targets: Record<string, { max?: number; min?: number }> = {};
    const rows: string[] = ['| simulator | profile | false offline (s) | success | answered |', '|---|---|---:|---:|---:|'];
    for (const sim of (await loadSimulators()).filter((s) => s.quirks?.length)) {
      for (const profile of [undefined, ...sim.quirks!.map((q) => q.name)]) {
        const f = await measure(sim, profile, runMs);
        const key = `${sim.driver}.${profile ?? 'default'}`;
        const success = f.actions ? (100 * f.ok) / f.actions : 100;
        const answered = f.actions ? (100 * f.answered) / f.actions : 100;
        figures[`${key}.false_offline_s`] = round(f.falseOfflineS, 1);
        figures[`${key}.success_pct`] = round(success, 1);
        figures[`${key}.answered_pct`] = round(answered, 1);
        units[`${key}.false_offline_s`] = 's';
        units[`${key}.success_pct`] = '%';
        units[`${key}.answered_pct`] = '%';
        targets[`${key}.false_offline_s`] = { max: 0 };
        targets[`${key}.answered_pct`] = { min: 100 };
        rows.push(`| ${sim.driver} | ${profile ?? '-'} | ${round(f.falseOfflineS, 1)} | ${round(success, 0)} % of ${f.actions} | ${round(answered, 0)} % |`);
      }
    }
    return {
      name: 'interop',
      figures,
      units,
      targets,
      notes: `${runMs / 1000} s per profile after the device first connects, probe every 1 s, the usual actions in a loop ${ACTION_GAP_MS} ms apart.\n${rows.join('\n')}`,
    };
  },
};

export default bench;
