import type { Server } from 'node:net';
import type { SimulatorOption } from './simulator.js';

/** Helpers for simulators' `roomctl sim DRIVER --key value` options and their TCP servers. */

/** `'127.0.0.1:2202'`, `'2202'` or `':0'` → host and port; `defaultPort` when absent. */
export function parseListenOption(listen: string | undefined, defaultPort: number): { host: string; port: number } {
  if (!listen) return { host: '127.0.0.1', port: defaultPort };
  const m = /^(?:(.*):)?(\d{1,5})$/.exec(listen.trim());
  if (!m || Number(m[2]) > 65535) throw new RangeError(`listen must look like 127.0.0.1:${defaultPort}, got ${JSON.stringify(listen)}`);
  return { host: m[1] || '127.0.0.1', port: Number(m[2]) };
}

/** `--listen HOST:PORT`, as every TCP simulator takes it. */
export function listenOption(defaultPort: number, what = 'TCP'): SimulatorOption {
  return { name: 'listen', value: 'HOST:PORT', description: `${what} on this address (default 127.0.0.1:${defaultPort}; port 0 picks a free one)` };
}

/**
 * A serial simulator's PTY end. lg-serial and visca-serial spell it `--port`, samsung-mdc and
 * biamp-tesira `--serialPath`; each takes the other spelling too, so neither habit misfires.
 */
export function serialPathOption(name: 'port' | 'serialPath', description: string, required = false): SimulatorOption {
  return { name, value: 'PATH', description, aliases: [name === 'port' ? 'serialPath' : 'port'], ...(required ? { required } : {}) };
}

/** `--replyDelayMs`, the delay the `slow-replies` quirk profile plays. */
export function replyDelayOption(defaultMs = 800): SimulatorOption {
  return { name: 'replyDelayMs', value: 'MS', description: `how long each reply waits under the slow-replies quirk (default ${defaultMs})` };
}

/** A non-negative number option, or undefined when not given. */
function numberOption(value: string | undefined, name: string): number | undefined {
  if (value === undefined || value === '') return undefined;
  const n = Number(value);
  if (!Number.isFinite(n) || n < 0) throw new RangeError(`${name} must be a non-negative number, got ${JSON.stringify(value)}`);
  return n;
}

/** Which of a simulator's options are numbers and which are plain strings. */
interface SimulatorOptionNames<N extends string, S extends string> {
  numbers?: readonly N[];
  strings?: readonly S[];
}

type SimulatorOptionValues<N extends string, S extends string> = { quirks?: string[] } & Partial<Record<N, number>> & Partial<Record<S, string>>;

/**
 * A simulator's `--key value` options read from a small table of names: `quirks` as a list, each
 * named number checked by `numberOption`, each named string as given. Absent or empty options are
 * left out, so the simulator's own defaults (and its quirks' settings) still apply.
 */
export function simulatorOptions<N extends string = never, S extends string = never>(
  options: Record<string, string>,
  names: SimulatorOptionNames<N, S>,
): SimulatorOptionValues<NoInfer<N>, NoInfer<S>> {
  const read: Record<string, string[] | number | string> = {};
  if (options.quirks) read.quirks = options.quirks.split(',');
  for (const name of names.numbers ?? []) {
    const n = numberOption(options[name], name);
    if (n !== undefined) read[name] = n;
  }
  for (const name of names.strings ?? []) if (options[name]) read[name] = options[name];
  // The loops above fill exactly the keys named in the table, with the types the table says.
  return read as SimulatorOptionValues<N, S>;
}

export function listenTcp(server: Server, port: number, host: string): Promise<number> {
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, host, () => {
      server.off('error', reject);
      resolve((server.address() as { port: number }).port);
    });
  });
}
