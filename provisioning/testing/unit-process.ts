import { spawn, type ChildProcess } from 'node:child_process';
import { ROOMCTL_FROM_SOURCE } from '../../tests/helpers/built-cli.js';

/** The ExecStart line of a unit file, split into program and arguments (the unit has no quoting in it). */
export function execStartOf(unit: string): string[] {
  const line = unit.split('\n').find((l) => l.startsWith('ExecStart='));
  if (!line) throw new Error('the unit has no ExecStart line');
  return line.slice('ExecStart='.length).trim().split(/\s+/);
}

export interface UnitProcess {
  child: ChildProcess;
  /** JSON log lines seen so far. */
  lines: Array<Record<string, unknown>>;
  ready: Promise<Record<string, unknown>>;
  stop(): Promise<void>;
}

/**
 * Runs a unit's ExecStart as systemd would (JSON logs, no terminal), from the source tree when
 * the build is stale, so a stale build is never what gets tested. Resolves `ready` with the "room ready" log line.
 */
export function runExecStart(argv: string[]): UnitProcess {
  const child = spawn(argv[0]!, argv.slice(1), {
    env: { ...process.env, ROOMCTL_FROM_SOURCE, ROOMCTL_LOG_FORMAT: 'json' },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const lines: Array<Record<string, unknown>> = [];
  let stderr = '';
  child.stderr!.on('data', (d) => (stderr += d));
  const ready = new Promise<Record<string, unknown>>((resolve, reject) => {
    let buffer = '';
    child.stdout!.on('data', (d: Buffer) => {
      buffer += d.toString();
      for (let at = buffer.indexOf('\n'); at >= 0; at = buffer.indexOf('\n')) {
        const text = buffer.slice(0, at);
        buffer = buffer.slice(at + 1);
        try {
          const line = JSON.parse(text) as Record<string, unknown>;
          lines.push(line);
          if (line.msg === 'room ready') resolve(line);
        } catch {
          // not a log line
        }
      }
    });
    child.once('exit', (code) => reject(new Error(`the unit's process exited (${code}) before it was ready: ${stderr}`)));
  });
  return {
    child,
    lines,
    ready,
    async stop() {
      if (child.exitCode !== null) return;
      const exited = new Promise((resolve) => child.once('exit', resolve));
      child.kill('SIGTERM');
      await exited;
    },
  };
}
