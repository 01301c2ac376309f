import { randomBytes } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { startPjlinkSimulator } from '../../drivers/pjlink/pjlink-simulator.js';
import { freeUdpPort } from '../../drivers/sim/free-udp-port.js';
import { createPtyPair, type PtyPair } from '../../drivers/sim/pty-pair.js';
import { startViscaSerialSimulator } from '../../drivers/visca/visca-serial-simulator.js';
import { startAppliance, type Appliance } from '../app.js';
import type { RoomConfig } from '../config/config-schema.js';
import type { Logger } from '../logger.js';
import { startEmbeddedBroker } from '../telemetry/embedded-broker.js';
import { AV_DEMO_DEVICES } from './demo-av-devices.js';
import { CAMERA_DEMO_DEVICES } from './demo-cameras.js';
import { DEMO_MEDIA } from '../media/demo-media.js';
import { lanAddress } from '../lan-address.js';
import { startDemoCalendar } from './demo-calendar.js';

export interface DemoOptions {
  log: Logger;
  /**
   * host:port for the API and panel. Default: port 8080 (a free one when taken, so a second
   * demo runs beside the first) on every address when this machine has a LAN address, so the
   * QR codes (which then carry that address) open on a phone; on 127.0.0.1 otherwise.
   */
  listen?: string;
  /** The API port tried first when `listen` is not given (default 8080; a free one when taken). */
  apiPort?: number;
  /** Serve the demo calendar (meetings with agendas, attendees, online links) and read it; `roomctl start` does. */
  calendar?: boolean;
  /** data folder; default ./data */
  dataDir?: string;
  /** MQTT port of the embedded broker; default 1883 (a free one if taken) */
  mqttPort?: number;
  /** PJLink display warm-up time; default 3 s, like a real projector but shorter */
  warmupMs?: number;
  probeIntervalMs?: number;
  /** Changes the demo config before the appliance starts (tests: short meeting windows, a known admin PIN). */
  configure?: (config: RoomConfig) => void;
}

export interface DemoRoom {
  appliance: Appliance;
  token: string;
  /** The panel's admin PIN for this run (made up at start unless `configure` sets one). */
  adminPin: string;
  mqttUrl: string;
  /** The key the room accepts central commands with; the demo's fleet view signs with it. */
  commandKey: { id: string; secret: string };
  camera: ReturnType<typeof startViscaSerialSimulator> extends Promise<infer S> ? S : never;
  /** The front camera's serial link (a PTY pair): `unplug()` / `replug()` pull and push its cable. */
  cameraLink: PtyPair;
  display: ReturnType<typeof startPjlinkSimulator> extends Promise<infer S> ? S : never;
  /** Simulators of the other demo devices, by device id. */
  simulators: Map<string, unknown>;
  close(): Promise<void>;
}

/**
 * The demo room: real simulators on real transports (a socat PTY pair for the VISCA camera,
 * a loopback TCP port for the PJLink display), an embedded broker, and the appliance.
 * Everything started here is stopped by `close()`, in reverse order.
 */
export async function startDemoRoom(options: DemoOptions): Promise<DemoRoom> {
  const cleanups: Array<() => Promise<unknown>> = [];
  const close = async () => {
    for (const cleanup of cleanups.reverse()) await cleanup().catch(() => undefined);
  };
  try {
    const ptyDir = await mkdtemp(join(tmpdir(), 'roomctl-demo-'));
    cleanups.push(() => rm(ptyDir, { recursive: true, force: true }));
    const pty = await createPtyPair({ dir: ptyDir, name: 'cam-front' });
    cleanups.push(() => pty.close());
    const camera = await startViscaSerialSimulator({ path: pty.simulatorPath });
    cleanups.push(() => camera.close());
    // Its inputs include network 2 (52), one the default list does not offer: the config names it.
    // It sends class 2 notifications to a free port, not 4352: a second demo, or any program
    // holding 4352, would otherwise make the room warn at every start.
    const notifyPort = await freeUdpPort();
    const display = await startPjlinkSimulator({
      host: '127.0.0.1',
      port: 0,
      warmupMs: options.warmupMs ?? 3000,
      inputs: ['11', '12', '31', '32', '33', '51', '52'],
      quirks: ['notifications'],
      notifyPort,
    });
    cleanups.push(() => display.close());
    const simulators = new Map<string, unknown>();
    const extraDevices = [];
    for (const device of [...CAMERA_DEMO_DEVICES, ...AV_DEMO_DEVICES]) {
      const started = await device.start({ dir: ptyDir, warmupMs: options.warmupMs ?? 3000 });
      cleanups.push(() => started.close());
      simulators.set(device.id, started.simulator);
      extraDevices.push(started.config);
    }
    const broker = await startEmbeddedBroker('127.0.0.1', options.mqttPort ?? 1883);
    cleanups.push(() => broker.close());

    const calendar = options.calendar ? await startDemoCalendar() : undefined;
    if (calendar) cleanups.push(() => calendar.close());

    const token = randomBytes(18).toString('base64url');
    const listen = options.listen ?? `${lanAddress() ? '0.0.0.0' : '127.0.0.1'}:${options.apiPort ?? 8080}`;
    const commandKey = { id: 'demo-fleet', secret: randomBytes(32).toString('base64url') };
    const config: RoomConfig = {
      room: { id: 'demo', name: 'Demo Room', site: 'lab', timezone: Intl.DateTimeFormat().resolvedOptions().timeZone || 'UTC' },
      api: { listen, tokens: [token] },
      ...(calendar ? { calendar: { url: calendar.url } } : {}),
      storage: { dir: resolve(options.dataDir ?? 'data') },
      // aedes speaks MQTT 3.1.1 only.
      mqtt: { url: broker.url, protocolVersion: 4, commandKeys: [commandKey] },
      log: { level: 'info' },
      // The test picture stands for what the front camera sees: its preset stills come from it.
      media: { ...DEMO_MEDIA, video: { ...DEMO_MEDIA.video, camera: 'cam-front' } },
      devices: [
        // Names and inputs per language: what people see on the panel in English and in Chinese.
        { id: 'cam-front', name: { en: 'Front camera', 'zh-CN': '前置摄像头' }, driver: 'visca-serial', port: pty.devicePath, baudRate: 9600 },
        {
          id: 'display',
          name: { en: 'Display', 'zh-CN': '显示屏' },
          driver: 'pjlink',
          host: String(display.endpoint.host),
          port: Number(display.endpoint.port),
          notifyPort,
          inputs: {
            '31': { en: 'Laptop (HDMI 1)', 'zh-CN': '笔记本（HDMI 1）' },
            '32': { en: 'Room PC (HDMI 2)', 'zh-CN': '会议电脑（HDMI 2）' },
            '33': 'HDMI 3',
            '11': { en: 'Computer (VGA)', 'zh-CN': '电脑（VGA）' },
            '51': { en: 'Wireless', 'zh-CN': '无线投屏' },
            '52': { en: 'Network', 'zh-CN': '网络' },
          },
        },
        ...extraDevices,
      ],
      panel: {
        adminPin: String(100_000 + (randomBytes(4).readUInt32BE() % 900_000)),
        presets: [
          { device: 'cam-front', preset: 1, name: { en: 'Whole room', 'zh-CN': '全景' } },
          { device: 'cam-front', preset: 2, name: { en: 'Table', 'zh-CN': '会议桌' } },
          { device: 'cam-front', preset: 3, name: { en: 'Presenter', 'zh-CN': '演讲者' } },
          { device: 'cam-front', preset: 4, name: { en: 'Whiteboard', 'zh-CN': '白板' } },
        ],
      },
    };
    options.configure?.(config);
    const start = () => startAppliance(config, { log: options.log, probeIntervalMs: options.probeIntervalMs });
    // A second demo on this machine: 8080 is the first one's, so this one takes a free port (startAppliance closed its first attempt).
    const appliance = await start().catch((err: unknown) => {
      if (options.listen !== undefined || (err as { code?: string }).code !== 'ROOMCTL_E_LISTEN_IN_USE') throw err;
      config.api.listen = listen.replace(/:\d+$/, ':0');
      return start();
    });
    cleanups.push(() => appliance.close());
    return { appliance, token, adminPin: config.panel?.adminPin ?? '', mqttUrl: broker.url, commandKey, camera, cameraLink: pty, display, simulators, close };
  } catch (err) {
    await close();
    throw err;
  }
}
