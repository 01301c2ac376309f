// @ts-check
/**
 * A room appliance in a child process, for tests that kill it (-9) and start it again.
 * argv[2]: path of a JSON room config; argv[3], optional: JSON of start options a test sets
 * (`{"meetingTickMs": 1000}`). Prints `URL <api url>`, then `READY` once it runs;
 * reads commands on stdin, one at a time:
 *   `flap <device> <n>`  n health changes of a virtual device (offline/ok), each a fault event,
 *                        then prints `FLAPPED <n>` once they are committed to the outbox.
 *   `depth`              prints `DEPTH <outbox depth>`
 *
 * Plain JavaScript, so that with a fresh build (ROOMCTL_FROM_SOURCE=0, spawn-appliance-child.ts)
 * the room starts from dist/ without tsx's loader: about 1.5 CPU-s a start against 3.6 through it,
 * and the linked-rooms lab starts some 30. A stale build runs the TypeScript source through tsx.
 */
import { readFileSync } from 'node:fs';
import { createInterface } from 'node:readline';

const fromSource = process.env.ROOMCTL_FROM_SOURCE !== '0';
let tsxRegistered = false;
async function registerTsx() {
  if (tsxRegistered) return;
  tsxRegistered = true;
  (await import('tsx/esm/api')).register();
}
if (fromSource) await registerTsx();
const module = (name) => new URL(fromSource ? `../../appliance/${name}.ts` : `../../dist/appliance/${name}.js`, import.meta.url).href;
const { startAppliance } = await import(module('app'));
const { createLogger } = await import(module('logger'));

const config = JSON.parse(readFileSync(String(process.argv[2]), 'utf8'));
const log = createLogger({ level: process.env.ROOMCTL_TEST_LOG ?? 'silent', pretty: false });
const overrides = JSON.parse(process.argv[3] ?? '{}');
const appliance = await startAppliance(config, { log, ...overrides });
let flaps = 0;

/** The flapping device is a test helper in TypeScript: loaded (through tsx) only by the tests that flap. */
async function flap(device, n) {
  await registerTsx();
  const { flapDevice } = await import(new URL('./flapping-device.ts', import.meta.url).href);
  flapDevice(appliance.health, { id: device, name: device }, n, flaps);
  flaps += n;
  // The group commit runs after this turn; answer after it.
  await new Promise((resolve) => setImmediate(() => setImmediate(resolve)));
  process.stdout.write(`FLAPPED ${n}\n`);
}

let commands = Promise.resolve();
createInterface({ input: process.stdin }).on('line', (line) => {
  const [command, device, count] = line.trim().split(/\s+/);
  commands = commands.then(async () => {
    if (command === 'flap' && device && count) await flap(device, Number(count));
    else if (command === 'depth') process.stdout.write(`DEPTH ${appliance.telemetry.stats().depth}\n`);
  });
});
process.on('SIGTERM', () => void appliance.close().then(() => process.exit(0)));
process.stdout.write(`URL ${appliance.url}\nREADY\n`);
