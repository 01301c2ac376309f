import { isIPv6 } from 'node:net';

/**
 * The client a per-address bound counts: an IPv4 address (also as `::ffff:a.b.c.d` on a
 * dual-stack listener), or an IPv6 address's /64. One IPv6 host on the room's Wi-Fi holds a
 * whole /64 (privacy addresses, or as many as it likes to add), so counting each address would
 * give a guest as many connections, streams, pairing requests and code changes as it wants.
 */
export function clientNetwork(address: string | undefined): string {
  if (!address) return '?';
  const mapped = /^::ffff:(\d+\.\d+\.\d+\.\d+)$/i.exec(address);
  if (mapped) return mapped[1]!;
  if (!isIPv6(address)) return address;
  return `${expandIPv6(address.split('%')[0]!).slice(0, 4).join(':')}::/64`;
}

/** The eight groups of an IPv6 address, each without leading zeros (the address holds no IPv4 tail past the mapped form above). */
function expandIPv6(address: string): string[] {
  const [head = '', tail] = address.split('::');
  const left = head ? head.split(':') : [];
  const right = tail ? tail.split(':') : [];
  const groups = tail === undefined ? left : [...left, ...Array<string>(8 - left.length - right.length).fill('0'), ...right];
  return groups.map((g) => (Number.parseInt(g, 16) || 0).toString(16));
}
