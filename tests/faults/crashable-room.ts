import type { ChildProcess } from 'node:child_process';
import { spawnCli } from '../helpers/cli.js';
import { until } from '../helpers/until.js';

export interface RoomProcess {
  url: string;
  child: ChildProcess;
  /** Everything the process wrote (JSON log lines). */
  output(): string;
  /** SIGKILL, as a power cut or the OOM killer would, and wait for the exit. */
  kill9(): Promise<void>;
  /** SIGINT, the way systemd stops it, and wait for the exit. */
  stop(): Promise<void>;
}

/**
 * `roomctl start --config FILE` in its own process, from source (never a stale build), with
 * the URL read from its 'room ready' log line.
 */
export async function startRoomProcess(configPath: string, env: NodeJS.ProcessEnv = {}): Promise<RoomProcess> {
  const child = spawnCli(['start', '--config', configPath], env);
  let out = '';
  child.stdout!.on('data', (d) => (out += d));
  child.stderr!.on('data', (d) => (out += d));
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  const url = await until(
    () => {
      if (child.exitCode !== null) throw new Error(`the appliance exited with ${child.exitCode}:\n${out}`);
      return /"msg":"room ready"/.test(out) ? /"url":"(http:\/\/[^"]+)"/.exec(out)?.[1] : undefined;
    },
    30_000,
    'the appliance to say "room ready"',
    20,
  );
  const end = async (signal: NodeJS.Signals) => {
    if (child.exitCode === null && child.signalCode === null) child.kill(signal);
    await exited;
  };
  return { url, child, output: () => out, kill9: () => end('SIGKILL'), stop: () => end('SIGINT') };
}
