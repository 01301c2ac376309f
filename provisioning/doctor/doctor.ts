import { hostname } from 'node:os';
import { join } from 'node:path';
import { loadConfigFile } from '../../appliance/config/config-load.js';
import type { RoomConfig } from '../../appliance/config/config-schema.js';
import { VERSION } from '../../appliance/paths.js';
import type { AnyDriverDefinition } from '../../drivers/core/definition.js';
import { RoomctlError } from '../../drivers/core/errors.js';
import { DRIVERS } from '../../drivers/registry.js';
import { checkBroker } from './broker-check.js';
import { checkCalendar } from './calendar-check.js';
import type { CheckResult, DoctorReport } from './doctor-types.js';
import { checkDevicesAndPanel } from './room-check.js';
import { nextStepFor } from './doctor-next-steps.js';

interface DoctorOptions {
  configPath: string;
  /** Files the config names (the broker CA, the client key) are looked up under this folder: a room provisioned with --root. */
  root?: string;
  drivers?: readonly AnyDriverDefinition[];
  deviceTimeoutMs?: number;
  brokerTimeoutMs?: number;
  /** How long the calendar server may take to send the feed (default: the room's `calendar.timeoutMs`, 15 s). */
  calendarTimeoutMs?: number;
  onProgress?(line: string): void;
}

/**
 * The room's self-test: config, every device, the broker, the calendar, the panel. Each
 * check runs even when an earlier one failed (the report should list every problem at once),
 * except that nothing can be checked without a config.
 */
export async function runDoctor(options: DoctorOptions): Promise<DoctorReport> {
  const started = Date.now();
  const drivers = options.drivers ?? DRIVERS;
  const results: CheckResult[] = [];
  const report = (config: RoomConfig | undefined, mode: DoctorReport['mode']): DoctorReport => {
    for (const r of results) if (r.status === 'fail') r.next = nextStepFor(r, options.configPath, config);
    return reportOf(config, mode);
  };
  const reportOf = (config: RoomConfig | undefined, mode: DoctorReport['mode']): DoctorReport => ({
    ...(config ? { room: { id: config.room.id, name: config.room.name, site: config.room.site, timezone: config.room.timezone } } : {}),
    configPath: options.configPath,
    host: hostname(),
    version: VERSION,
    startedAt: new Date(started).toISOString(),
    durationMs: Date.now() - started,
    mode,
    results,
    passed: results.every((r) => r.status !== 'fail'),
  });

  let config: RoomConfig;
  try {
    config = await loadConfigFile(options.configPath, drivers);
  } catch (err) {
    const e = err instanceof RoomctlError ? err : undefined;
    results.push({ area: 'config', name: options.configPath, status: 'fail', detail: (err as Error).message, ...(e ? { code: e.code } : {}) });
    return report(undefined, 'none');
  }
  if (options.root && config.mqtt) {
    for (const field of ['ca', 'cert', 'key'] as const) {
      const path = config.mqtt[field];
      if (path?.startsWith('/')) config.mqtt[field] = join(options.root, path);
    }
  }
  const secrets = typeof (config as { secrets?: unknown }).secrets === 'string' ? `, secrets from ${String((config as { secrets?: unknown }).secrets)}` : '';
  results.push({
    area: 'config',
    name: options.configPath,
    status: 'ok',
    detail: `valid: room ${config.room.id}, ${config.devices.length} device(s)${secrets}`,
  });
  if (!config.panel?.adminPin) {
    results.push({
      area: 'panel',
      name: 'admin PIN',
      status: 'warn',
      detail:
        'none set: the admin view and pairing with the PIN cannot be used; set panel.adminPin in secrets.yaml (roomctl provision asks for one or makes one)',
    });
  }

  options.onProgress?.('doctor: devices and panel…');
  const room = await checkDevicesAndPanel(config, { drivers, deviceTimeoutMs: options.deviceTimeoutMs, onProgress: options.onProgress });
  options.onProgress?.('doctor: calendar…');
  const calendar = await checkCalendar(config, options.calendarTimeoutMs);
  const devices = room.results.filter((r) => r.area === 'device');
  const panel = room.results.filter((r) => r.area !== 'device');
  options.onProgress?.('doctor: broker…');
  // The broker check publishes everything found so far as the room's self-test event.
  const summary = [...results, ...devices, calendar, ...panel].map((r) => ({ area: r.area, name: r.name, status: r.status, detail: r.detail }));
  const broker = await checkBroker(config, summary, options.brokerTimeoutMs);
  results.push(...devices, broker, calendar, ...panel);
  return report(config, room.mode);
}

const MARK: Record<CheckResult['status'], string> = { ok: '[ ok ]', fail: '[FAIL]', warn: '[warn]', skip: '[skip]' };

/** The report as text a person can paste into a ticket: who, where, when, and one line per check. */
export function formatDoctorReport(r: DoctorReport): string {
  const problems = r.results.filter((x) => x.status === 'fail').length;
  const warnings = r.results.filter((x) => x.status === 'warn').length;
  const lines = [
    'roomctl doctor report',
    `  room     ${r.room ? `${r.room.id} "${r.room.name}" (site ${r.room.site}, ${r.room.timezone})` : '(config unreadable)'}`,
    `  host     ${r.host}, roomctl ${r.version}, node ${process.version}`,
    `  config   ${r.configPath}`,
    `  when     ${r.startedAt} (took ${(r.durationMs / 1000).toFixed(1)} s)`,
    `  checked  ${r.mode === 'running-service' ? 'through the running service' : r.mode === 'self-started' ? 'by starting the room on a loopback port (the service was not running)' : 'nothing beyond the config'}`,
    '',
    ...r.results.map((x) => `  ${MARK[x.status]} ${x.area.padEnd(9)} ${x.name}: ${x.code ? `${x.code} ` : ''}${x.detail}${x.next ? ` — next: ${x.next}` : ''}`),
    '',
    `  result: ${problems === 0 ? 'PASS' : `FAIL — ${problems} problem(s)`}${warnings ? `, ${warnings} warning(s)` : ''}`,
    '',
  ];
  return lines.join('\n');
}
