import { isIPv4, isIPv6 } from 'node:net';

/**
 * Addresses, host names and ports, checked the way the network stack will take them, so
 * `roomctl config check` refuses what `roomctl start` would fail on (a port of 80800, a host
 * of 10.0.0.300) instead of passing it on to a crash.
 */
const LABEL = /^[A-Za-z0-9]([A-Za-z0-9-]{0,61}[A-Za-z0-9])?$/;

/** What is wrong with a host (IP address or DNS name), or undefined when it is fine. */
export function hostProblem(host: string): string | undefined {
  if (host === '') return 'has no host';
  if (isIPv4(host) || isIPv6(host)) return undefined;
  if (/^[0-9.]+$/.test(host)) return `"${host}" is not an IPv4 address: four numbers from 0 to 255`;
  if (host.includes(':')) return `"${host}" is not an IPv6 address`;
  const labels = host.replace(/\.$/, '').split('.');
  if (host.length > 253 || !labels.every((l) => LABEL.test(l))) {
    return `"${host}" is not a host name: letters, digits and dashes between dots`;
  }
  return undefined;
}

function portProblem(port: string): string | undefined {
  if (!/^[0-9]{1,5}$/.test(port)) return `port "${port}" is not a number`;
  const n = Number(port);
  return n > 65535 ? `port ${n} is out of range: 0 to 65535, where 0 picks a free one` : undefined;
}

/** Splits "host:port" or "[v6]:port"; undefined when there is no port. */
export function splitHostPort(value: string): { host: string; port: string } | undefined {
  const at = value.lastIndexOf(':');
  if (at < 0) return undefined;
  const host = value.slice(0, at);
  if (host.includes(':') && !/^\[.*\]$/.test(host)) return undefined; // a bare IPv6 address with no port
  return { host: host.replace(/^\[|\]$/g, ''), port: value.slice(at + 1) };
}

/** `api.listen`: host:port the API binds to. */
export function listenProblem(listen: string): string | undefined {
  const parts = splitHostPort(listen);
  if (!parts) return `"${listen}" is not host:port`;
  return portProblem(parts.port) ?? hostProblem(parts.host);
}

export const isWildcardHost = (host: string) => host === '0.0.0.0' || host === '::' || host === '';

/** A URL people's phones open (`api.publicUrl`): http(s), a real host, never a wildcard address. */
export function publicUrlProblem(value: string): string | undefined {
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    return `"${value}" is not a URL`;
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') return `"${value}" must start with http:// or https://`;
  const host = url.hostname.replace(/^\[|\]$/g, '');
  if (isWildcardHost(host))
    return `${host} is where the API listens on every address, not an address a phone can open; give this machine's LAN address or DNS name`;
  return hostProblem(host);
}

/** A broker URL (`mqtt.url`): scheme, host and port as the MQTT client will read them. */
export function brokerUrlProblem(value: string): string | undefined {
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    const port = /:(\d+)(\/|$)/.exec(value.replace(/^[a-z]+:\/\//, ''))?.[1];
    if (port && Number(port) > 65535) return portProblem(port);
    return `"${value}" is not a URL`;
  }
  return hostProblem(url.hostname.replace(/^\[|\]$/g, ''));
}
