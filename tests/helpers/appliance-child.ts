/**
 * A room appliance in a child process, for tests that kill it (-9) and start it again.
 * argv[2]: path of a JSON room config; argv[3], optional: JSON of start options a test sets
 * (`{"meetingTickMs": 1000}`). Prints `URL <api url>`, then `READY` once it runs;
 * reads commands on stdin:
 *   `flap <device> <n>`  n health changes of a virtual device (offline/ok), each a fault event,
 *                        then prints `FLAPPED <n>` once they are committed to the outbox.
 *   `depth`              prints `DEPTH <outbox depth>`
 */
import { readFileSync } from 'node:fs';
import { createInterface } from 'node:readline';
import { startAppliance } from '../../appliance/app.js';
import type { RoomConfig } from '../../appliance/config/config-schema.js';
import { createLogger } from '../../appliance/logger.js';
import type { StartOptions } from '../../appliance/room-parts.js';
import { flapDevice } from './flapping-device.js';

const config = JSON.parse(readFileSync(process.argv[2]!, 'utf8')) as RoomConfig;
const log = createLogger({ level: process.env.ROOMCTL_TEST_LOG ?? 'silent', pretty: false });
const overrides = JSON.parse(process.argv[3] ?? '{}') as Pick<StartOptions, 'meetingTickMs'>;
const appliance = await startAppliance(config, { log, ...overrides });
let flaps = 0;

createInterface({ input: process.stdin }).on('line', (line) => {
  const [command, device, count] = line.trim().split(/\s+/);
  if (command === 'flap' && device && count) {
    const n = Number(count);
    flapDevice(appliance.health, { id: device, name: device }, n, flaps);
    flaps += n;
    // The group commit runs after this turn; answer after it.
    setImmediate(() => setImmediate(() => process.stdout.write(`FLAPPED ${n}\n`)));
  } else if (command === 'depth') {
    process.stdout.write(`DEPTH ${appliance.telemetry.stats().depth}\n`);
  }
});
process.on('SIGTERM', () => void appliance.close().then(() => process.exit(0)));
process.stdout.write(`URL ${appliance.url}\nREADY\n`);
