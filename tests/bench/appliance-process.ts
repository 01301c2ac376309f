/**
 * The appliance as it runs in a room: alone in its own process, started by `roomctl start
 * --config`, with the device simulators in the benchmark's process. Timing a request from
 * here to the byte at a simulator here uses one clock, and the appliance's event loop is
 * not shared with the load generator or the simulators.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createPtyPair } from '../../drivers/sim/pty-pair.js';
import { startViscaIpSimulator, type RunningViscaIpSimulator } from '../../drivers/visca/visca-ip-simulator.js';
import { startViscaSerialSimulator, type RunningViscaSerialSimulator } from '../../drivers/visca/visca-serial-simulator.js';
import { ROOMCTL_BIN } from '../helpers/cli.js';
import { waitFor } from '../helpers/test-room.js';

export interface ApplianceProcess {
  baseUrl: string;
  token: string;
  /** VISCA camera on a socat PTY pair: device `cam-serial`. */
  serial: RunningViscaSerialSimulator;
  /** VISCA-over-IP camera on loopback UDP: device `cam-ip`. */
  ip: RunningViscaIpSimulator;
  child: ChildProcess;
  close(): Promise<void>;
}

/** `extraDevices`: more device lines for the room's config (YAML flow maps), with their simulators run by the caller. */
export async function startApplianceProcess(options: { extraDevices?: string[] } = {}): Promise<ApplianceProcess> {
  const dir = await mkdtemp(join(tmpdir(), 'roomctl-bench-'));
  const cleanups: Array<() => Promise<unknown>> = [() => rm(dir, { recursive: true, force: true })];
  const close = async () => {
    for (const c of cleanups.reverse()) await c().catch(() => undefined);
  };
  try {
    const pty = await createPtyPair({ dir, name: 'cam' });
    cleanups.push(() => pty.close());
    const serial = await startViscaSerialSimulator({ path: pty.simulatorPath });
    cleanups.push(() => serial.close());
    const ip = await startViscaIpSimulator({ port: 0 });
    cleanups.push(() => ip.close());
    const token = randomBytes(18).toString('base64url');
    const config = join(dir, 'room.yaml');
    await writeFile(
      config,
      [
        'room: { id: bench, name: Bench, site: lab, timezone: UTC }',
        `api: { listen: "127.0.0.1:0", tokens: ["${token}"] }`,
        `storage: { dir: "${join(dir, 'data')}" }`,
        'log: { level: info }', // the 'room ready' line carries the URL
        'devices:',
        `  - { id: cam-serial, driver: visca-serial, port: "${pty.devicePath}", baudRate: 9600 }`,
        `  - { id: cam-ip, driver: visca-ip, host: 127.0.0.1, port: ${ip.endpoint.port} }`,
        ...(options.extraDevices ?? []).map((line) => `  - ${line}`),
        '',
      ].join('\n'),
    );
    // Started as scripts/demo.sh and the bin's shebang start it, with the same V8 flag.
    const child = spawn(process.execPath, ['--max-semi-space-size=2', ROOMCTL_BIN, 'start', '--config', config], { stdio: ['ignore', 'pipe', 'pipe'] });
    cleanups.push(
      () =>
        new Promise<void>((resolve) => {
          if (child.exitCode !== null) return resolve();
          child.once('exit', () => resolve());
          child.kill('SIGINT');
        }),
    );
    let out = '';
    child.stdout!.on('data', (d) => (out += d));
    child.stderr!.on('data', (d) => (out += d));
    const baseUrl = await waitFor(
      () => {
        if (child.exitCode !== null) throw new Error(`the appliance exited:\n${out}`);
        return /"url":"(http:\/\/[^"]+)"/.exec(out)?.[1];
      },
      30_000,
      'the appliance to listen',
    );
    await waitFor(
      async () => {
        const devices = (await (await fetch(`${baseUrl}/api/v1/devices`)).json()) as { status: string }[];
        return devices.every((d) => d.status === 'ok');
      },
      30_000,
      'every device ok',
    );
    return { baseUrl, token, serial, ip, child, close };
  } catch (err) {
    await close();
    throw err;
  }
}
