import { startDemoRoom, type DemoRoom } from '../appliance/demo/demo-room.js';
import { claimDemoDataDir } from '../appliance/demo/demo-data-dir.js';
import { startDemoFleet } from '../fleet/demo-fleet.js';
import { createLogger, type LogFormat } from '../appliance/logger.js';
import { waitForShutdown } from './shutdown.js';

/**
 * `roomctl start` without a config: the demo room, its fleet view, and a banner with what to
 * open. Everything it starts is closed again when a later step fails, so a failed start
 * leaves no port, timer or child process behind.
 */
export async function startDemo(options: { listen?: string; format: LogFormat }): Promise<number> {
  const startedAt = performance.now();
  const log = createLogger({ level: process.env.ROOMCTL_LOG_LEVEL ?? 'info', format: options.format });
  const data = await claimDemoDataDir('data');
  let demo: DemoRoom | undefined;
  let fleet: Awaited<ReturnType<typeof startDemoFleet>> | undefined;
  const close = async () => {
    await fleet?.close();
    await demo?.close();
    await data.release();
  };
  try {
    const ports = preferredPorts(process.env.ROOMCTL_DEMO_PORTS);
    demo = await startDemoRoom({ log, listen: options.listen, apiPort: ports.api, mqttPort: ports.mqtt, dataDir: data.dir, calendar: true });
    fleet = await startDemoFleet({ mqttUrl: demo.mqttUrl, dataDir: data.dir, token: demo.token, commandKey: demo.commandKey, log, port: ports.fleet });
  } catch (err) {
    await close();
    throw err;
  }
  await settled(demo, 3000);
  // The banner comes after the start-up lines, so it stands clear at the bottom of the terminal.
  await new Promise<void>((resolve) => log.flush(() => resolve()));
  process.stdout.write(banner(demo, fleet.url, data, Math.round(performance.now() - startedAt)));
  // Read by the scripts and tests that wait for the demo, through a pipe; a
  // person at a terminal has the banner, and would only wonder what the word means.
  if (!process.stdout.isTTY) process.stdout.write('ROOMCTL_READY\n');
  await waitForShutdown(close);
  return 0;
}

/** ROOMCTL_DEMO_PORTS=api,mqtt,fleet: the ports the demo tries first (8080,1883,8090); each falls back to a free one when taken. */
function preferredPorts(text: string | undefined): { api: number; mqtt: number; fleet: number } {
  // 0 is a port too: any free one.
  const [api = 8080, mqtt = 1883, fleet = 8090] = (text ?? '').split(',').map((p) => (/^\s*\d+\s*$/.test(p) ? Number(p) : undefined));
  return { api, mqtt, fleet };
}

/** Until every device has had its first verdict (or the time is up): their status lines are the start-up noise. */
async function settled(demo: DemoRoom, ms: number): Promise<void> {
  const deadline = Date.now() + ms;
  while (Date.now() < deadline && demo.appliance.core.devices.list().some((d) => d.status === 'connecting')) {
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

function banner(demo: DemoRoom, fleetUrl: string, data: { dir: string; sharedWith?: number }, ms: number): string {
  const url = demo.appliance.publicUrl;
  return [
    '',
    `roomctl demo room ready in ${ms} ms`,
    `  panel     ${url}/?token=${demo.token}`,
    !demo.appliance.core.meetings?.phonesReach()
      ? `  phones    not from here: the demo listens on this machine only (no LAN address, or --listen)`
      : `  phones    the panel's QR codes open ${url} (the room's public URL)`,
    `  API       ${url}/api/v1/status`,
    `  API docs  ${url}/docs`,
    `  token     ${demo.token}   (Authorization: Bearer <token>)`,
    `  admin PIN ${demo.adminPin}   (the panel's admin view)`,
    `  MQTT      ${demo.mqttUrl}   (topics roomctl/lab/demo/#)`,
    `  fleet     ${fleetUrl}/?token=${demo.token}   (or: roomctl fleet --broker ${demo.mqttUrl})`,
    `  calendar  a meeting in about 15 minutes with its agenda, attendees and a Teams link; another in 2 hours (Zoom)`,
    data.sharedWith ? `  data      ${data.dir}   (./data belongs to the demo running as pid ${data.sharedWith}; removed on exit)` : `  data      ${data.dir}`,
    '  Ctrl-C stops the room, its simulators and its broker.',
    '',
  ].join('\n');
}
