import { networkInterfaces } from 'node:os';

/**
 * This machine's address on the room's network: the first non-internal IPv4 address,
 * private ranges first (a mini-PC with a public and a private address is reached by phones on
 * the private one). Undefined on a machine with loopback only.
 */
export function lanAddress(interfaces = networkInterfaces()): string | undefined {
  const candidates = Object.values(interfaces)
    .flatMap((list) => list ?? [])
    .filter((a) => a.family === 'IPv4' && !a.internal && !a.address.startsWith('169.254.'))
    .map((a) => a.address);
  const isPrivate = (ip: string) => /^(10\.|192\.168\.|172\.(1[6-9]|2[0-9]|3[01])\.)/.test(ip);
  return candidates.find(isPrivate) ?? candidates[0];
}

/** The URL phones reach a room at: the configured one, else the listen address, with a LAN address for a wildcard. */
export function resolvePublicUrl(configured: string | undefined, listening: { host: string; port: number }, lan = lanAddress()): string {
  if (configured) return configured.replace(/\/$/, '');
  const wildcard = listening.host === '0.0.0.0' || listening.host === '::' || listening.host === '';
  const host = wildcard ? (lan ?? '127.0.0.1') : listening.host;
  return `http://${host.includes(':') ? `[${host}]` : host}:${listening.port}`;
}

/** A URL only this machine opens (127.x, ::1, localhost): a phone that scans it reaches nothing. */
export function isLoopbackUrl(url: string): boolean {
  return /^https?:\/\/(127\.|\[::1\]|localhost[:/]|localhost$)/.test(url);
}
