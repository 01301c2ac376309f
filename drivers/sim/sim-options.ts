import type { Server } from 'node:net';

/** Helpers for simulators' `roomctl sim DRIVER --key value` options and their TCP servers. */

/** `'127.0.0.1:2202'`, `'2202'` or `':0'` → host and port; `defaultPort` when absent. */
export function parseListenOption(listen: string | undefined, defaultPort: number): { host: string; port: number } {
  if (!listen) return { host: '127.0.0.1', port: defaultPort };
  const m = /^(?:(.*):)?(\d{1,5})$/.exec(listen.trim());
  if (!m || Number(m[2]) > 65535) throw new RangeError(`listen must look like 127.0.0.1:${defaultPort}, got ${JSON.stringify(listen)}`);
  return { host: m[1] || '127.0.0.1', port: Number(m[2]) };
}

/** A non-negative number option, or undefined when not given. */
export function numberOption(value: string | undefined, name: string): number | undefined {
  if (value === undefined || value === '') return undefined;
  const n = Number(value);
  if (!Number.isFinite(n) || n < 0) throw new RangeError(`${name} must be a non-negative number, got ${JSON.stringify(value)}`);
  return n;
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
