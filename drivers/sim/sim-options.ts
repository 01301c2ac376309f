import type { Server } from 'node:net';
import type { SimulatorOption } from './simulator.js';

/** Helpers for simulators' `roomctl sim DRIVER --key value` options and their TCP servers. */

/** `'127.0.0.1:2202'`, `'2202'` or `':0'` → host and port (`--listen`, its declared default filled in when not given). */
export function parseListenOption(listen: string): { host: string; port: number } {
  const m = /^(?:(.*):)?(\d{1,5})$/.exec(listen.trim());
  if (!m || Number(m[2]) > 65535) throw new RangeError(`listen must look like HOST:PORT (127.0.0.1:4352), got ${JSON.stringify(listen)}`);
  return { host: m[1] || '127.0.0.1', port: Number(m[2]) };
}

/** `--listen HOST:PORT`, as every TCP simulator takes it. */
export function listenOption(defaultPort: number, what = 'TCP') {
  return {
    name: 'listen',
    value: 'HOST:PORT',
    description: `${what} on this address; port 0 picks a free one`,
    default: `127.0.0.1:${defaultPort}`,
  } as const satisfies SimulatorOption;
}

/**
 * A serial simulator's PTY end. lg-serial and visca-serial spell it `--port`, samsung-mdc and
 * biamp-tesira `--serialPath`; each takes the other spelling too, so neither habit misfires.
 */
export function serialPathOption<Name extends 'port' | 'serialPath', Required extends boolean = false>(
  name: Name,
  description: string,
  required?: Required,
): { name: Name; value: 'PATH'; description: string; aliases: readonly string[]; required: Required } {
  // `required` left out is the default, false.
  return { name, value: 'PATH', description, aliases: [name === 'port' ? 'serialPath' : 'port'], required: (required ?? false) as Required };
}

/** How long each reply waits under `slow-replies` unless a simulator says otherwise. */
export const SLOW_REPLY_MS = 800;

/** `--replyDelayMs`, the delay the `slow-replies` quirk profile plays. */
export function replyDelayOption(defaultMs: number = SLOW_REPLY_MS) {
  return {
    name: 'replyDelayMs',
    value: 'MS',
    description: 'how long each reply waits under the slow-replies quirk',
    default: defaultMs,
  } as const satisfies SimulatorOption;
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
