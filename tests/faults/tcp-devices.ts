import { DeviceSupervisor } from '../../appliance/devices/device-supervisor.js';
import { tesiraDriver } from '../../drivers/biamp-tesira/tesira-definition.js';
import { startTesiraSimulator } from '../../drivers/biamp-tesira/tesira-simulator.js';
import type { AnyDriverDefinition, DeviceStatus } from '../../drivers/core/definition.js';
import { pjlinkDriver } from '../../drivers/pjlink/pjlink-definition.js';
import { startPjlinkSimulator } from '../../drivers/pjlink/pjlink-simulator.js';
import { qsysDriver } from '../../drivers/qsys-qrc/qsys-definition.js';
import { startQsysSimulator } from '../../drivers/qsys-qrc/qsys-simulator.js';
import { mdcDriver } from '../../drivers/samsung-mdc/mdc-definition.js';
import { startMdcSimulator } from '../../drivers/samsung-mdc/mdc-simulator.js';
import { shureMxaDriver } from '../../drivers/shure-mxa/shure-mxa-definition.js';
import { startShureMxaSimulator } from '../../drivers/shure-mxa/shure-mxa-simulator.js';
import { until } from '../helpers/until.js';
import { startFaultProxy, type FaultProxy } from './fault-proxy.js';

/** One network device kind: its driver, its simulator, and a command it always answers. */
export interface TcpDeviceCase {
  name: string;
  driver: AnyDriverDefinition;
  start(): Promise<{ endpoint: { host: string; port: number }; close(): Promise<void> }>;
  config?: Record<string, unknown>;
  command: [action: string, params: Record<string, unknown>];
}

const endpointOf = (sim: { endpoint: unknown }) => sim.endpoint as { host: string; port: number };

export const TCP_DEVICES: TcpDeviceCase[] = [
  {
    name: 'PJLink display',
    driver: pjlinkDriver,
    start: async () => {
      const s = await startPjlinkSimulator({ port: 0, warmupMs: 10 });
      return { endpoint: endpointOf(s), close: () => s.close() };
    },
    command: ['status', {}],
  },
  {
    name: 'Shure MXA microphone',
    driver: shureMxaDriver,
    start: async () => {
      const s = await startShureMxaSimulator({ port: 0 });
      return { endpoint: endpointOf(s), close: () => s.close() };
    },
    command: ['mute', { on: true }],
  },
  {
    name: 'Biamp Tesira DSP',
    driver: tesiraDriver,
    start: async () => {
      const s = await startTesiraSimulator({ port: 0 });
      return { endpoint: endpointOf(s), close: () => s.close() };
    },
    config: { muteBlock: { instanceTag: 'MicMute', channel: 1 } },
    command: ['level.get', { instanceTag: 'Level1', channel: 1 }],
  },
  {
    name: 'Q-SYS Core',
    driver: qsysDriver,
    start: async () => {
      const s = await startQsysSimulator({ port: 0 });
      return { endpoint: endpointOf(s), close: () => s.close() };
    },
    config: { muteControl: { component: 'MicMute', control: 'mute' } },
    command: ['component.get', { name: 'Gain1', controls: ['gain'] }],
  },
  {
    name: 'Samsung MDC display',
    driver: mdcDriver,
    start: async () => {
      const s = await startMdcSimulator({ port: 0, warmupMs: 10 });
      return { endpoint: endpointOf(s), close: () => s.close() };
    },
    command: ['status', {}],
  },
];

const quiet = { debug() {}, info() {}, warn() {}, error() {} };

/** A TCP device behind a fault proxy, under the real DeviceSupervisor with a quick watchdog. */
export async function startProxiedDevice(kind: TcpDeviceCase) {
  const sim = await kind.start();
  const proxy: FaultProxy = await startFaultProxy(sim.endpoint);
  const supervisor = new DeviceSupervisor({
    deviceId: 'device',
    log: quiet,
    // A watchdog every 250 ms (a stall is noticed in seconds) with the appliance's own 3 s probe timeout.
    probeIntervalMs: 250,
    probeTimeoutMs: 3000,
    createDriver: (ctx) => kind.driver.create({ id: 'device', driver: kind.driver.id, host: proxy.host, port: proxy.port, ...kind.config }, ctx),
  });
  const history: DeviceStatus[] = [];
  supervisor.on('status', (s: { status: DeviceStatus }) => history.push(s.status));
  supervisor.start();
  await until(() => supervisor.status.status === 'ok', 5000, `${kind.name} ok`);
  return {
    supervisor,
    proxy,
    history,
    /** Runs the case's command; resolves with how it ended and how long it took. */
    async command(): Promise<{ ok: boolean; code?: string; ms: number }> {
      const t0 = performance.now();
      try {
        await supervisor.execute(...kind.command);
        return { ok: true, ms: performance.now() - t0 };
      } catch (err) {
        return { ok: false, code: (err as { code?: string }).code, ms: performance.now() - t0 };
      }
    },
    async close() {
      await supervisor.stop();
      await proxy.close();
      await sim.close();
    },
  };
}

/** Every way a command may fail while the link is bad: a code from the catalog, never a raw error. */
export const LINK_FAILURE = /^ROOMCTL_E_(DEVICE_OFFLINE|DEVICE_TIMEOUT|CONNECT_FAILED|PROTOCOL|DEVICE_OUTCOME_UNKNOWN)$/;
