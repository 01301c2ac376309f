import { spawn, type ChildProcess } from 'node:child_process';
import { PROJECT_ROOT } from '../../appliance/paths.js';
import { ROOMCTL_FROM_SOURCE } from './built-cli.js';

export const ROOMCTL_BIN = `${PROJECT_ROOT}/bin/roomctl.js`;

export interface CliResult {
  code: number | null;
  stdout: string;
  stderr: string;
}

/** Runs `roomctl ...` to completion (the build when it is fresh, else the source). */
export function runCli(args: string[], env: NodeJS.ProcessEnv = {}, cwd?: string): Promise<CliResult> {
  return new Promise((resolve) => {
    const child = spawnCli(args, env, cwd);
    let stdout = '';
    let stderr = '';
    child.stdout!.on('data', (d) => (stdout += d));
    child.stderr!.on('data', (d) => (stderr += d));
    child.on('close', (code) => resolve({ code, stdout, stderr }));
  });
}

export function spawnCli(args: string[], env: NodeJS.ProcessEnv = {}, cwd = PROJECT_ROOT): ChildProcess {
  return spawn(process.execPath, [ROOMCTL_BIN, ...args], {
    cwd,
    env: { ...process.env, ROOMCTL_FROM_SOURCE, ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
}

/**
 * Runs `roomctl sim ...` until it exits or says it is simulating; a simulator that started is
 * stopped at once (SIGTERM) and waited for, so no test leaves one running. `started` tells which.
 */
export function runSimUntilStarted(args: string[]): Promise<CliResult & { started: boolean }> {
  return new Promise((resolve) => {
    const child = spawnCli(['sim', ...args]);
    let stdout = '';
    let stderr = '';
    let started = false;
    child.stdout!.on('data', (d) => {
      stdout += d;
      if (!started && stdout.includes('Ctrl-C to stop')) {
        started = true;
        child.kill('SIGTERM');
      }
    });
    child.stderr!.on('data', (d) => (stderr += d));
    child.on('close', (code) => resolve({ code, stdout, stderr, started }));
  });
}
