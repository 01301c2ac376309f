import { DRIVERS } from '../../drivers/registry.js';
import { loadConfigFile } from '../config/config-load.js';
import { configFileWarnings } from '../config/config-warnings.js';
import { startDemoRoom } from '../demo/demo-room.js';
import { startDemoFleet } from '../fleet/demo-fleet.js';
import { startReloadableRoom } from '../telemetry/reloadable-room.js';
import { createLogger } from '../logger.js';
import { systemdNotifier } from '../systemd-notify.js';
import { waitForShutdown } from './shutdown.js';

/** `roomctl start`: a real room from --config, or the demo room without one. */
export async function startCommand(options: { config?: string; listen?: string }): Promise<number> {
  const startedAt = performance.now();
  if (options.config) {
    const config = await loadConfigFile(options.config, DRIVERS);
    if (options.listen) config.api.listen = options.listen;
    const log = createLogger({ level: config.log.level });
    // The same warnings as `roomctl config check` (secrets outside the secrets file), once at start.
    for (const warning of await configFileWarnings(options.config, config)) log.warn({ path: warning.path }, `config: ${warning.message}`);
    // Reloadable: the central `reload-config` command restarts the room with the edited file.
    const room = await startReloadableRoom(config, {
      log,
      load: async () => {
        const next = await loadConfigFile(options.config!, DRIVERS);
        if (options.listen) next.api.listen = options.listen;
        return next;
      },
    });
    log.info({ url: room.current.url, ms: Math.round(performance.now() - startedAt) }, 'room ready');
    // Under systemd (Type=notify, WatchdogSec): READY=1 now, WATCHDOG=1 while the API listens.
    const systemd = systemdNotifier({ log, healthy: () => room.current.server.server.listening });
    await systemd.ready();
    await waitForShutdown(async () => {
      await systemd.stopping();
      await room.close();
    });
    return 0;
  }
  const log = createLogger({ level: process.env.ROOMCTL_LOG_LEVEL ?? 'info' });
  const demo = await startDemoRoom({ log, listen: options.listen });
  const fleet = await startDemoFleet({ mqttUrl: demo.mqttUrl, dataDir: 'data', token: demo.token, commandKey: demo.commandKey, log }).catch(async (err: unknown) => {
    await demo.close();
    throw err;
  });
  const url = demo.appliance.url;
  process.stdout.write(
    [
      '',
      `roomctl demo room ready in ${Math.round(performance.now() - startedAt)} ms`,
      `  panel     ${url}/?token=${demo.token}`,
      `  API       ${url}/api/v1/status`,
      `  API docs  ${url}/docs`,
      `  token     ${demo.token}   (Authorization: Bearer <token>)`,
      `  admin PIN ${demo.adminPin}   (the panel's admin view)`,
      `  MQTT      ${demo.mqttUrl}   (topics roomctl/lab/demo/#)`,
      `  fleet     ${fleet.url}/?token=${demo.token}   (or: roomctl fleet --broker ${demo.mqttUrl})`,
      '  Ctrl-C stops the room, its simulators and its broker.',
      '',
    ].join('\n'),
  );
  // Read by the footprint benchmark and by scripts that wait for the demo.
  process.stdout.write('ROOMCTL_READY\n');
  await waitForShutdown(async () => {
    await fleet.close();
    await demo.close();
  });
  return 0;
}
