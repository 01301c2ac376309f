import { DRIVERS } from '../../drivers/registry.js';
import { startAppliance } from '../app.js';
import { loadConfigFile } from '../config/config-load.js';
import { startDemoRoom } from '../demo/demo-room.js';
import { createLogger } from '../logger.js';
import { waitForShutdown } from './shutdown.js';

/** `roomctl start`: a real room from --config, or the demo room without one. */
export async function startCommand(options: { config?: string; listen?: string }): Promise<number> {
  const startedAt = performance.now();
  if (options.config) {
    const config = await loadConfigFile(options.config, DRIVERS);
    if (options.listen) config.api.listen = options.listen;
    const log = createLogger({ level: config.log.level });
    const appliance = await startAppliance(config, { log });
    log.info({ url: appliance.url, ms: Math.round(performance.now() - startedAt) }, 'room ready');
    await waitForShutdown(() => appliance.close());
    return 0;
  }
  const log = createLogger({ level: process.env.ROOMCTL_LOG_LEVEL ?? 'info' });
  const demo = await startDemoRoom({ log, listen: options.listen });
  const url = demo.appliance.url;
  process.stdout.write(
    [
      '',
      `roomctl demo room ready in ${Math.round(performance.now() - startedAt)} ms`,
      `  panel     ${url}/?token=${demo.token}`,
      `  API       ${url}/api/v1/status`,
      `  API docs  ${url}/docs`,
      `  token     ${demo.token}   (Authorization: Bearer <token>)`,
      `  MQTT      ${demo.mqttUrl}   (topics roomctl/lab/demo/#)`,
      '  Ctrl-C stops the room, its simulators and its broker.',
      '',
    ].join('\n'),
  );
  // Read by the footprint benchmark and by scripts that wait for the demo.
  process.stdout.write('ROOMCTL_READY\n');
  await waitForShutdown(() => demo.close());
  return 0;
}
