import { DRIVERS } from '../drivers/registry.js';
import { isRoomctlError, RoomctlError } from '../drivers/core/errors.js';
import { loadConfigFile } from '../appliance/config/config-load.js';
import { configFileWarnings } from '../appliance/config/config-warnings.js';
import { listenProblem } from '../appliance/config/config-addresses.js';
import { configWarnings } from '../appliance/config/config-network-checks.js';
import { formatIssue } from '../appliance/config/config-validate.js';
import { startReloadableRoom } from './reloadable-room.js';
import { createLogger, defaultLogFormat, type LogFormat } from '../appliance/logger.js';
import { systemdNotifier } from '../appliance/systemd-notify.js';
import { waitForShutdown } from './shutdown.js';
import { START_USAGE } from './command-usage.js';
import { readCommandLine, usageError } from './usage-error.js';

interface StartOptions {
  config?: string;
  listen?: string;
  format: LogFormat;
}

/** `roomctl start`: a real room from --config, or the demo room without one. */
export async function startCommand(args: string[]): Promise<number> {
  const { values } = readCommandLine('roomctl start', START_USAGE, {
    args,
    options: { config: { type: 'string' }, listen: { type: 'string' }, 'log-format': { type: 'string' } },
    strict: true,
  });
  const format = values['log-format'] ?? defaultLogFormat();
  if (format !== 'pretty' && format !== 'json')
    throw usageError('roomctl start', 'ROOMCTL_E_BAD_VALUE', `--log-format must be pretty or json, got ${JSON.stringify(format)}`, START_USAGE);
  const listenWrong = values.listen === undefined ? undefined : listenProblem(values.listen);
  if (listenWrong) throw usageError('roomctl start', 'ROOMCTL_E_BAD_VALUE', `--listen: ${listenWrong} (write host:port, e.g. 127.0.0.1:8080)`, START_USAGE);
  const options: StartOptions = { config: values.config, listen: values.listen, format };
  try {
    if (options.config) return await startRoom(options.config, options);
    // Loaded only for the demo: its simulators, embedded broker and fleet view would stay in a real room's memory.
    const { startDemo } = await import('./start-demo.js');
    return await startDemo(options);
  } catch (err) {
    throw asStartFailure(err);
  }
}

/** Every start failure reaches the person as a coded error with a next step, never as a stack trace. */
function asStartFailure(err: unknown): RoomctlError {
  if (isRoomctlError(err)) return err;
  return new RoomctlError('ROOMCTL_E_START_FAILED', `the room did not start: ${(err as Error)?.message ?? String(err)}`, undefined, { cause: err });
}

async function startRoom(configPath: string, options: StartOptions): Promise<number> {
  const startedAt = performance.now();
  const config = await loadConfigFile(configPath, DRIVERS);
  if (options.listen) config.api.listen = options.listen;
  const log = createLogger({ level: config.log.level, format: options.format });
  const warnings = [...configWarnings(config as unknown as Record<string, unknown>), ...(await configFileWarnings(configPath, config))];
  for (const warning of warnings) log.warn({ path: warning.path }, `config: ${formatIssue(warning)}`);
  // Reloadable: the central `reload-config` command restarts the room with the edited file.
  const room = await startReloadableRoom(config, {
    log,
    load: async () => {
      const next = await loadConfigFile(configPath, DRIVERS);
      if (options.listen) next.api.listen = options.listen;
      return next;
    },
  });
  log.info({ url: room.current.url, publicUrl: room.current.publicUrl, ms: Math.round(performance.now() - startedAt) }, 'room ready');
  // Under systemd (Type=notify, WatchdogSec): READY=1 now, WATCHDOG=1 while the API listens.
  const systemd = systemdNotifier({ log, healthy: () => room.current.server.server.listening });
  await systemd.ready();
  await waitForShutdown(async () => {
    await systemd.stopping();
    await room.close();
  });
  return 0;
}
