import { lookup } from 'node:dns/promises';
import { BlockList, isIP } from 'node:net';
import { RoomctlError } from '../../drivers/core/errors.js';
import { FeedGetError, getFeed, type FeedAnswer, type FeedWait } from './feed-get.js';

type FeedFetchOptions = FeedWait & {
  /** Bytes the feed may have once decompressed; reading stops there (a gzip bomb never grows past it). */
  maxBytes: number;
  /** Hosts besides the feed's own a redirect may lead to (`calendar.redirectHosts`; `*.example.com` for a domain). */
  redirectHosts?: readonly string[];
  /** A redirect may lead to a loopback, private or link-local address (`calendar.privateRedirects`). */
  privateRedirects?: boolean;
};

/** Addresses a feed's redirect must not reach unless allowed: this machine, the local networks. */
const PRIVATE = new BlockList();
for (const [net, prefix] of [
  ['0.0.0.0', 8],
  ['10.0.0.0', 8],
  ['100.64.0.0', 10],
  ['127.0.0.0', 8],
  ['169.254.0.0', 16],
  ['172.16.0.0', 12],
  ['192.168.0.0', 16],
] as const)
  PRIVATE.addSubnet(net, prefix, 'ipv4');
for (const [net, prefix] of [
  ['::', 128],
  ['::1', 128],
  ['fc00::', 7],
  ['fe80::', 10],
] as const)
  PRIVATE.addSubnet(net, prefix, 'ipv6');

function isPrivate(address: string): boolean {
  const mapped = /^::ffff:(\d+\.\d+\.\d+\.\d+)$/i.exec(address);
  if (mapped) return PRIVATE.check(mapped[1]!, 'ipv4');
  return PRIVATE.check(address, isIP(address) === 6 ? 'ipv6' : 'ipv4');
}

/** Published calendar URLs carry a secret in the path or query; logs and faults get the host only. */
export function redactFeedUrl(url: string): string {
  try {
    const u = new URL(url);
    return `${u.protocol}//${u.host}/…`;
  } catch {
    return 'the feed URL';
  }
}

const hostAllowed = (host: string, allowed: readonly string[]) =>
  allowed.some((a) => (a.startsWith('*.') ? host.endsWith(a.slice(1)) : host === a.toLowerCase()));

async function checkRedirect(from: URL, to: URL, feed: URL, options: FeedFetchOptions): Promise<void> {
  const refuse = (why: string) => {
    throw new RoomctlError('ROOMCTL_E_CALENDAR_FEED', `${redactFeedUrl(from.href)} redirects to ${redactFeedUrl(to.href)}, ${why}`);
  };
  if (to.protocol !== 'https:' && to.protocol !== 'http:') refuse('which is not http(s)');
  const host = to.hostname.replace(/^\[(.*)\]$/, '$1').toLowerCase();
  // The configured server may move a feed within itself; anywhere else must be named in the config.
  if (host === feed.hostname.replace(/^\[(.*)\]$/, '$1').toLowerCase()) return;
  if (!hostAllowed(host, options.redirectHosts ?? [])) refuse('another host (allow it with calendar.redirectHosts)');
  if (options.privateRedirects) return;
  const addresses = isIP(host) ? [host] : (await lookup(host, { all: true }).catch(() => [])).map((a) => a.address);
  if (addresses.length === 0 || addresses.some(isPrivate)) refuse('a loopback or private address (allow it with calendar.privateRedirects)');
}

/**
 * One read of the feed as bytes, with Node's own HTTP client (`feed-get.ts`): redirects
 * checked before each is followed (at most five), the body counted after decompression and
 * the read stopped as soon as it passes `maxBytes` or the time is up. Throws
 * ROOMCTL_E_CALENDAR_FEED with a reason a person can act on.
 */
export async function fetchFeedBytes(url: string, options: FeedFetchOptions): Promise<Uint8Array> {
  const feed = new URL(url);
  let answer: FeedAnswer;
  try {
    answer = await getFeed(url, {
      ...options,
      accept: 'text/calendar, */*;q=0.5',
      checkRedirect: (from, to) => checkRedirect(from, to, feed, options),
    });
  } catch (err) {
    if (err instanceof RoomctlError) throw err;
    const kind = err instanceof FeedGetError ? err.kind : 'network';
    const where = redactFeedUrl(url);
    if (kind === 'timeout') throw new RoomctlError('ROOMCTL_E_CALENDAR_FEED', `${where}: ${(err as Error).message}`);
    if (kind === 'oversize') throw new RoomctlError('ROOMCTL_E_CALENDAR_FEED', `${where} sent more than ${options.maxBytes} bytes (calendar.maxFeedBytes)`);
    if (kind === 'redirects') throw new RoomctlError('ROOMCTL_E_CALENDAR_FEED', `${where} redirects more than 5 times`);
    throw new RoomctlError('ROOMCTL_E_CALENDAR_FEED', `cannot read ${where}: ${(err as Error).message}`);
  }
  if (answer.status < 200 || answer.status >= 300) throw new RoomctlError('ROOMCTL_E_CALENDAR_FEED', `${redactFeedUrl(url)} answered HTTP ${answer.status}`);
  return answer.bytes;
}
