import { mkdtemp, rm } from 'node:fs/promises';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pino from 'pino';
import type { DeviceView, StatusView } from '../../appliance/api/api-types.js';
import { startAppliance } from '../../appliance/app.js';
import { listenError, parseListen } from '../../appliance/http/listen-address.js';
import type { RoomConfig } from '../../appliance/config/config-schema.js';
import type { AnyDriverDefinition } from '../../drivers/core/definition.js';
import { replyDeadline } from '../../drivers/core/reply-deadline.js';
import type { CheckResult } from './doctor-types.js';
import { answeredWithin } from './doctor-wait.js';
import { configuredPublicUrl } from '../../appliance/config/config-network-checks.js';
import { resolvePublicUrl } from '../../appliance/lan-address.js';
import { PANEL_NOT_BUILT_HEADER, PROJECT_ROOT } from '../../appliance/paths.js';

interface RoomCheckOptions {
  drivers?: readonly AnyDriverDefinition[];
  /** How long devices may take to connect before they count as failed. */
  deviceTimeoutMs?: number;
  onProgress?(line: string): void;
}

const endpointOf = (config: RoomConfig, id: string) => {
  const d = config.devices.find((x) => x.id === id);
  if (!d) return '';
  if (typeof d.host === 'string') return d.port !== undefined ? `${d.host}:${String(d.port)}` : d.host;
  // A display reached over RS-232 has its TCP port's default too: the serial port is where it is.
  return String(d.serialPort ?? d.port ?? d.path ?? '');
};

/** The room's own token: its health reads may be closed (`api.openReads: false`). */
const bearer = (config: RoomConfig): Record<string, string> => (config.api.tokens[0] ? { authorization: `Bearer ${config.api.tokens[0]}` } : {});

async function getJson<T>(url: string, timeoutMs: number, headers: Record<string, string> = {}): Promise<T | undefined> {
  try {
    return await answeredWithin(timeoutMs, async (signal) => {
      const response = await fetch(url, { headers, signal });
      return response.ok ? ((await response.json()) as T) : undefined;
    });
  } catch {
    return undefined;
  }
}

/**
 * Waits until every device has left `connecting` once (or the deadline). A dead device goes
 * offline and then, as the host retries, back to connecting: its first verdict is kept.
 */
async function settle(list: () => Promise<DeviceView[]>, timeoutMs: number): Promise<DeviceView[]> {
  // A reply deadline: held up past it, doctor gives the devices their time again before calling one still connecting.
  let expired = false;
  const deadline = replyDeadline(timeoutMs, () => {
    expired = true;
  });
  const verdicts = new Map<string, DeviceView>();
  try {
    for (;;) {
      const devices = await list();
      for (const d of devices) if (d.status !== 'connecting' && (d.status === 'ok' || !verdicts.has(d.id))) verdicts.set(d.id, d);
      if (devices.every((d) => verdicts.has(d.id)) || expired) return devices.map((d) => verdicts.get(d.id) ?? d);
      // Only how often doctor looks: no verdict hangs on this timer.
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
  } finally {
    deadline.cancel();
  }
}

function deviceResults(config: RoomConfig, devices: DeviceView[], timeoutMs: number): CheckResult[] {
  if (devices.length === 0) return [{ area: 'device', name: '(none)', status: 'warn', detail: 'the config lists no devices' }];
  return devices.map((d) => {
    const name = `${d.id} (${d.driver}${endpointOf(config, d.id) ? ` ${endpointOf(config, d.id)}` : ''})`;
    if (d.status === 'ok') return { area: 'device', name, status: 'ok', detail: 'answered' };
    if (d.status === 'degraded') return { area: 'device', name, status: 'warn', detail: `answers, but degraded: ${d.detail ?? ''}`.trim() };
    if (d.status === 'auth-failed') {
      // Said once: the device's own words (without the code, which the line shows), the fix in the next step.
      const said = d.error?.message ?? d.detail?.replace(/^ROOMCTL_E_DEVICE_AUTH:\s*/, '') ?? '';
      const detail = /wrong password/i.test(said) ? said : `wrong password: ${said || 'the device refuses the credentials in the config'}`;
      return { area: 'device', name, status: 'fail', detail, code: 'ROOMCTL_E_DEVICE_AUTH' };
    }
    if (d.status === 'connecting')
      return { area: 'device', name, status: 'fail', detail: `still connecting after ${Math.round(timeoutMs / 1000)} s${d.detail ? `: ${d.detail}` : ''}` };
    const code = d.error?.code;
    // The line shows the code before the detail: the device's own "CODE: " prefix would say it twice.
    const said = code ? d.detail?.replace(`${code}: `, '') : d.detail;
    return { area: 'device', name, status: 'fail', detail: `${d.status}${said ? `: ${said}` : ''}`, ...(code ? { code } : {}) };
  });
}

async function checkPanel(baseUrl: string, headers: Record<string, string>): Promise<CheckResult> {
  try {
    const [page, html] = await answeredWithin(5000, async (signal) => {
      const served = await fetch(`${baseUrl}/`, { signal });
      return [served, await served.text()] as const;
    });
    const status = await answeredWithin(5000, (signal) => fetch(`${baseUrl}/api/v1/status`, { headers, signal }));
    if (page.headers.get(PANEL_NOT_BUILT_HEADER) === 'not-built')
      return {
        area: 'panel',
        name: `${baseUrl}/`,
        status: 'fail',
        detail: 'the panel is not built: the room serves a placeholder page instead (the API answers)',
        code: 'ROOMCTL_E_PANEL_NOT_BUILT',
        next: `run npm run build in ${PROJECT_ROOT} (scripts/install-deps.sh does it), then restart the room: systemctl restart roomctl`,
      };
    if (page.ok && /<html/i.test(html) && status.ok)
      return { area: 'panel', name: `${baseUrl}/`, status: 'ok', detail: `served (page HTTP ${page.status}, /api/v1/status HTTP ${status.status})` };
    return { area: 'panel', name: `${baseUrl}/`, status: 'fail', detail: `page HTTP ${page.status}, /api/v1/status HTTP ${status.status}` };
  } catch (err) {
    return { area: 'panel', name: `${baseUrl}/`, status: 'fail', detail: `not served: ${(err as Error).message}` };
  }
}

/**
 * The URL in the QR codes: it must reach this very room, or phones scan codes that open
 * nothing (or another room). Only when the service runs: doctor's own trial room is on loopback.
 */
async function checkPublicUrl(config: RoomConfig, running: StatusView): Promise<CheckResult> {
  const { host, port } = parseListen(config.api.listen);
  const url = resolvePublicUrl(configuredPublicUrl(config), { host, port });
  // The token goes out only when the room's health is closed to anyone without one.
  const there = await getJson<StatusView>(`${url}/api/v1/status`, 3000, config.api.openReads === false ? bearer(config) : {});
  if (there?.room?.id === running.room.id)
    return { area: 'panel', name: `${url}/`, status: 'ok', detail: 'the public URL (QR codes, e-mail links) reaches this room' };
  return {
    area: 'panel',
    name: `${url}/`,
    status: 'fail',
    detail: there ? `the public URL reaches another room (${there.room.id})` : 'the public URL (QR codes, e-mail links) does not reach this room from here',
    next: 'set api.publicUrl in the room config to an address of this machine that phones reach (its LAN address and the listen port), then systemctl restart roomctl',
  };
}

/**
 * Whether the room could listen where its config says, tried the way start listens: a port
 * another program holds lets doctor's own trial room (on a loopback port) pass while the
 * service fails at every start.
 */
async function listenTaken(listen: string, host: string, port: number): Promise<CheckResult | undefined> {
  const refused = await new Promise<unknown>((resolve) => {
    const server = createServer();
    server.once('error', resolve);
    server.listen({ host, port, exclusive: true }, () => server.close(() => resolve(undefined)));
  });
  // Only a port in use: a port below 1024 refused to a doctor run without root says nothing of the service.
  if ((refused as NodeJS.ErrnoException | undefined)?.code !== 'EADDRINUSE') return undefined;
  const error = listenError(refused, listen);
  return { area: 'panel', name: `api.listen ${listen}`, status: 'fail', detail: `${error.message}: the room cannot start there`, code: error.code };
}

/**
 * Devices and panel. When the room's service is running, its own API is asked (it holds the
 * serial ports; opening them again would fail). Otherwise doctor starts the appliance itself
 * on a loopback port, with a throw-away data folder and without MQTT (the broker is checked
 * on its own, and a self-test must not flip the room's retained status).
 */
export async function checkDevicesAndPanel(
  config: RoomConfig,
  options: RoomCheckOptions = {},
): Promise<{ mode: 'running-service' | 'self-started'; results: CheckResult[] }> {
  const timeoutMs = options.deviceTimeoutMs ?? 15_000;
  const { host, port } = parseListen(config.api.listen);
  const local = `http://${host === '0.0.0.0' || host === '::' || host === '' ? '127.0.0.1' : host}:${port}`;
  const running = await getJson<StatusView>(`${local}/api/v1/status`, 1500, bearer(config));
  if (running?.room?.id === config.room.id) {
    options.onProgress?.(`doctor: asking the running room at ${local}`);
    const devices = await settle(async () => (await getJson<DeviceView[]>(`${local}/api/v1/devices`, 3000, bearer(config))) ?? [], timeoutMs);
    return {
      mode: 'running-service',
      results: [...deviceResults(config, devices, timeoutMs), await checkPanel(local, bearer(config)), await checkPublicUrl(config, running)],
    };
  }
  // Not running: nothing of the room's holds api.listen, so whatever does would stop the service's start.
  const taken = await listenTaken(config.api.listen, host, port);
  options.onProgress?.('doctor: the room is not running here; starting it on a loopback port to check devices and panel');
  const dataDir = await mkdtemp(join(tmpdir(), 'roomctl-doctor-'));
  const { mqtt: _mqtt, ...withoutMqtt } = config;
  const trial: RoomConfig = { ...withoutMqtt, api: { ...config.api, listen: '127.0.0.1:0' }, storage: { dir: dataDir } };
  try {
    const appliance = await startAppliance(trial, { log: pino({ level: 'silent' }), ...(options.drivers ? { drivers: options.drivers } : {}) });
    try {
      const devices = await settle(async () => appliance.core.devices.list(), timeoutMs);
      const panel = await checkPanel(appliance.url, bearer(config));
      return { mode: 'self-started', results: [...deviceResults(config, devices, timeoutMs), panel, ...(taken ? [taken] : [])] };
    } finally {
      await appliance.close();
    }
  } catch (err) {
    const code = (err as { code?: string }).code;
    const notChecked: CheckResult[] = config.devices.map((d) => ({
      area: 'device',
      name: `${d.id} (${d.driver}${endpointOf(config, d.id) ? ` ${endpointOf(config, d.id)}` : ''})`,
      status: 'skip',
      detail: 'not checked: the room would not start',
    }));
    return {
      mode: 'self-started',
      results: [
        ...notChecked,
        { area: 'panel', name: 'appliance', status: 'fail', detail: `the room would not start: ${(err as Error).message}`, ...(code ? { code } : {}) },
      ],
    };
  } finally {
    await rm(dataDir, { recursive: true, force: true });
  }
}
