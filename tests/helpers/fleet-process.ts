import { spawn, type ChildProcess } from 'node:child_process';
import { join } from 'node:path';
import { PROJECT_ROOT } from '../../appliance/paths.js';
import { ROOMCTL_FROM_SOURCE } from './built-cli.js';

export interface FleetProcess {
  proc: ChildProcess;
  /** http://127.0.0.1:port of its dashboard and API. */
  url: string;
  token: string;
  /** SIGKILL and wait: nothing flushed, nothing said goodbye. */
  kill9(): Promise<void>;
  /** SIGTERM and wait. */
  stop(): Promise<void>;
}

/** `roomctl fleet` as a child process (as in production), ready when it prints FLEET_READY. */
export async function startFleetProcess(options: {
  brokerUrl: string;
  dataDir: string;
  clientId: string;
  database?: string;
  share?: string;
  env?: NodeJS.ProcessEnv;
}): Promise<FleetProcess> {
  const token = 'fleet-process-token-0123456789';
  const args = [
    join(PROJECT_ROOT, 'bin/roomctl.js'),
    'fleet',
    '--broker',
    options.brokerUrl,
    '--protocol',
    '5',
    '--listen',
    '127.0.0.1:0',
    '--data',
    options.dataDir,
    '--client-id',
    options.clientId,
    '--token',
    token,
  ];
  if (options.share) args.push('--share', options.share);
  const proc = spawn(process.execPath, args, {
    cwd: PROJECT_ROOT,
    env: {
      ...process.env,
      ROOMCTL_FROM_SOURCE,
      ROOMCTL_LOG_LEVEL: 'warn',
      ...(options.database ? { ROOMCTL_FLEET_DATABASE: options.database } : {}),
      ...options.env,
    },
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  const exited = new Promise<void>((resolve) => proc.once('exit', () => resolve()));
  let out = '';
  const url = await new Promise<string>((resolve, reject) => {
    proc.stdout!.on('data', (d) => {
      out += d;
      const m = /dashboard (http:\/\/[^/\s]+)/.exec(out);
      if (m && out.includes('FLEET_READY')) resolve(m[1]!);
    });
    proc.once('exit', (code) => reject(new Error(`roomctl fleet exited with ${code}: ${out}`)));
  });
  return {
    proc,
    url,
    token,
    async kill9() {
      if (proc.exitCode === null && proc.signalCode === null) proc.kill('SIGKILL');
      await exited;
    },
    async stop() {
      if (proc.exitCode === null && proc.signalCode === null) proc.kill('SIGTERM');
      await exited;
    },
  };
}
