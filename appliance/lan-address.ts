import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { networkInterfaces } from 'node:os';

/** What the kernel tells about the machine's interfaces (Linux; empty elsewhere). */
interface InterfaceFacts {
  /** Interfaces that carry a default route, the lowest metric first. */
  defaultRoutes: readonly string[];
  /** Interfaces backed by a device (a NIC, Wi-Fi), not a bridge, tunnel or veth made by software. */
  physical: ReadonlySet<string>;
}

const NO_FACTS: InterfaceFacts = { defaultRoutes: [], physical: new Set() };

/** The default routes of `/proc/net/route` (destination and mask 0, route up), by metric. */
export function defaultRoutesOf(routeTable: string): string[] {
  return routeTable
    .split('\n')
    .slice(1)
    .map((line) => line.trim().split(/\s+/))
    .filter(([, destination, , flags, , , , mask]) => destination === '00000000' && mask === '00000000' && (Number.parseInt(flags ?? '0', 16) & 1) === 1)
    .sort((a, b) => Number(a[6]) - Number(b[6]))
    .map(([name]) => name!);
}

function readInterfaceFacts(): InterfaceFacts {
  try {
    const physical = new Set(readdirSync('/sys/class/net').filter((name) => existsSync(`/sys/class/net/${name}/device`)));
    return { defaultRoutes: defaultRoutesOf(readFileSync('/proc/net/route', 'utf8')), physical };
  } catch {
    return NO_FACTS;
  }
}

const isPrivate = (ip: string) => /^(10\.|192\.168\.|172\.(1[6-9]|2[0-9]|3[01])\.)/.test(ip);

/**
 * This machine's address on the room's network, where phones reach it. A mini-PC also has
 * addresses phones never reach: Docker's bridge (172.17.0.1), a VPN's tunnel, a test's veth. So
 * the first IPv4 address, in this order: on a device interface carrying the default route; on
 * another device interface (a room network without a gateway); on a default route's interface
 * (a container's veth); any other, private ranges first. Undefined on a machine with loopback only.
 */
export function lanAddress(interfaces = networkInterfaces(), facts = readInterfaceFacts()): string | undefined {
  const addresses = Object.entries(interfaces).flatMap(([name, list]) =>
    (list ?? []).filter((a) => a.family === 'IPv4' && !a.internal && !a.address.startsWith('169.254.')).map((a) => ({ name, ip: a.address })),
  );
  const routeRank = (name: string) => {
    const i = facts.defaultRoutes.indexOf(name);
    return i < 0 ? facts.defaultRoutes.length : i;
  };
  const rank = ({ name, ip }: { name: string; ip: string }): number[] => {
    const routed = routeRank(name) < facts.defaultRoutes.length;
    const physical = facts.physical.has(name);
    const tier = physical && routed ? 0 : physical ? 1 : routed ? 2 : 3;
    return [tier, routeRank(name), isPrivate(ip) ? 0 : 1];
  };
  const byRank = (a: number[], b: number[]) => a.map((v, i) => v - b[i]!).find((d) => d !== 0) ?? 0;
  // A stable sort: among equals, the first interface the system lists.
  return addresses.sort((a, b) => byRank(rank(a), rank(b)))[0]?.ip;
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
