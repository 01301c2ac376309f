import { lookup } from 'node:dns/promises';
import { BlockList, isIP } from 'node:net';
import { RoomctlError } from '../../drivers/core/errors.js';

export interface FeedFetchOptions {
  timeoutMs: number;
  /** Bytes the feed may have once decompressed; reading stops there (a gzip bomb never grows past it). */
  maxBytes: number;
  /** Hosts besides the feed's own a redirect may lead to (`calendar.redirectHosts`; `*.example.com` for a domain). */
  redirectHosts?: readonly string[];
  /** A redirect may lead to a loopback, private or link-local address (`calendar.privateRedirects`). */
  privateRedirects?: boolean;
}

const MAX_REDIRECTS = 5;

/** Addresses a feed's redirect must not reach unless allowed: this machine, the local networks. */
const PRIVATE = new BlockList();
for (const [net, prefix] of [['0.0.0.0', 8], ['10.0.0.0', 8], ['100.64.0.0', 10], ['127.0.0.0', 8], ['169.254.0.0', 16], ['172.16.0.0', 12], ['192.168.0.0', 16]] as const) PRIVATE.addSubnet(net, prefix, 'ipv4');
for (const [net, prefix] of [['::', 128], ['::1', 128], ['fc00::', 7], ['fe80::', 10]] as const) PRIVATE.addSubnet(net, prefix, 'ipv6');

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

const hostAllowed = (host: string, allowed: readonly string[]) => allowed.some((a) => (a.startsWith('*.') ? host.endsWith(a.slice(1)) : host === a.toLowerCase()));

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
 * One read of the feed as bytes: redirects followed by hand (at most five, each checked),
 * the body streamed and counted after decompression, the read stopped as soon as it passes
 * `maxBytes` or the time is up. Throws ROOMCTL_E_CALENDAR_FEED with a reason a person can act on.
 */
export async function fetchFeedBytes(url: string, options: FeedFetchOptions): Promise<Uint8Array> {
  const feed = new URL(url);
  const abort = new AbortController();
  const timer = setTimeout(() => abort.abort(new RoomctlError('ROOMCTL_E_CALENDAR_FEED', `${redactFeedUrl(url)}: no answer in ${options.timeoutMs} ms`)), options.timeoutMs);
  try {
    let current = feed;
    for (let hop = 0; ; hop++) {
      let response: Response;
      try {
        response = await fetch(current, { headers: { accept: 'text/calendar, */*;q=0.5', 'accept-encoding': 'gzip, deflate, br' }, redirect: 'manual', signal: abort.signal });
      } catch (err) {
        if (abort.signal.aborted) throw abort.signal.reason as Error;
        throw new RoomctlError('ROOMCTL_E_CALENDAR_FEED', `cannot read ${redactFeedUrl(current.href)}: ${(err as { cause?: Error }).cause?.message ?? (err as Error).message}`);
      }
      if (response.status >= 300 && response.status < 400 && response.headers.has('location')) {
        await response.body?.cancel();
        if (hop >= MAX_REDIRECTS) throw new RoomctlError('ROOMCTL_E_CALENDAR_FEED', `${redactFeedUrl(url)} redirects more than ${MAX_REDIRECTS} times`);
        const next = new URL(response.headers.get('location')!, current);
        await checkRedirect(current, next, feed, options);
        current = next;
        continue;
      }
      if (!response.ok) {
        await response.body?.cancel();
        throw new RoomctlError('ROOMCTL_E_CALENDAR_FEED', `${redactFeedUrl(url)} answered HTTP ${response.status}`);
      }
      return await readBounded(response, options.maxBytes, url, abort);
    }
  } catch (err) {
    if (abort.signal.aborted && abort.signal.reason instanceof RoomctlError) throw abort.signal.reason;
    throw err;
  } finally {
    clearTimeout(timer);
  }
}

async function readBounded(response: Response, maxBytes: number, url: string, abort: AbortController): Promise<Uint8Array> {
  const tooBig = () => new RoomctlError('ROOMCTL_E_CALENDAR_FEED', `${redactFeedUrl(url)} sent more than ${maxBytes} bytes (calendar.maxFeedBytes)`);
  const declared = Number(response.headers.get('content-length'));
  if (!response.headers.has('content-encoding') && Number.isFinite(declared) && declared > maxBytes) {
    await response.body?.cancel();
    throw tooBig();
  }
  const chunks: Uint8Array[] = [];
  let total = 0;
  if (!response.body) return new Uint8Array();
  const reader = response.body.getReader();
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    total += value.byteLength;
    if (total > maxBytes) {
      await reader.cancel().catch(() => undefined);
      abort.abort();
      throw tooBig();
    }
    chunks.push(value);
  }
  return Buffer.concat(chunks, total);
}
