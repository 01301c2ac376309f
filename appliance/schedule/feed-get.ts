import { request as httpRequest, type IncomingMessage } from 'node:http';
import { request as httpsRequest } from 'node:https';
import { createBrotliDecompress, createGunzip, createInflate } from 'node:zlib';

export interface FeedAnswer {
  status: number;
  text: string;
  /** The body as received (after decompression): a fold inside a UTF-8 character is only whole before decoding. */
  bytes: Buffer;
}

export class FeedGetError extends Error {
  constructor(
    message: string,
    readonly kind: 'timeout' | 'network' | 'oversize' | 'redirects',
  ) {
    super(message);
  }
}

const REDIRECTS = new Set([301, 302, 303, 307, 308]);

/**
 * How long a read may take: `timeoutMs` for the whole exchange (the room's plain timer), or
 * until `signal` aborts, its reason the words of the failure (a caller that keeps its own
 * deadline: doctor's, counted in time it was listening).
 */
export type FeedWait = { timeoutMs: number; signal?: undefined } | { timeoutMs?: undefined; signal: AbortSignal };

/**
 * One GET of a published calendar with Node's own HTTP client, not `fetch`: fetch brings
 * undici and its WebAssembly HTTP parser, 10–25 MB of resident memory a room would carry
 * from its first calendar read on, for one request every few minutes. Follows up to five
 * redirects (published calendar links often redirect), takes gzip/deflate/br, stops at
 * `maxBytes`, and gives up after `timeoutMs` for the whole exchange, or when `signal` aborts.
 */
export function getFeed(
  url: string,
  options: FeedWait & { maxBytes: number; accept: string; checkRedirect?: (from: URL, to: URL) => Promise<void> },
): Promise<FeedAnswer> {
  const deadline = options.timeoutMs === undefined ? undefined : Date.now() + options.timeoutMs;
  const once = (target: URL, redirectsLeft: number): Promise<FeedAnswer> =>
    new Promise((resolve, reject) => {
      const request = (target.protocol === 'https:' ? httpsRequest : httpRequest)(target, {
        headers: { accept: options.accept, 'accept-encoding': 'gzip, deflate, br' },
      });
      const timer =
        deadline === undefined
          ? undefined
          : setTimeout(() => request.destroy(new FeedGetError(`no answer in ${options.timeoutMs} ms`, 'timeout')), Math.max(1, deadline - Date.now()));
      const aborted = () => request.destroy(new FeedGetError(String((options.signal?.reason as Error | undefined)?.message ?? 'given up'), 'timeout'));
      if (options.signal?.aborted) aborted();
      else options.signal?.addEventListener('abort', aborted, { once: true });
      const stopWaiting = () => {
        clearTimeout(timer);
        options.signal?.removeEventListener('abort', aborted);
      };
      let settled = false;
      const fail = (err: Error) => {
        stopWaiting();
        if (settled) return;
        settled = true;
        reject(err instanceof FeedGetError ? err : new FeedGetError(err.message, 'network'));
      };
      request.on('error', fail);
      request.on('response', (response: IncomingMessage) => {
        const status = response.statusCode ?? 0;
        const location = response.headers.location;
        if (REDIRECTS.has(status) && location) {
          response.resume();
          stopWaiting();
          if (redirectsLeft === 0) return reject(new FeedGetError('too many redirects', 'redirects'));
          const next = new URL(location, target);
          // The caller decides where a redirect may lead (another host, this machine) before it is followed.
          return resolve(Promise.resolve(options.checkRedirect?.(target, next)).then(() => once(next, redirectsLeft - 1)));
        }
        const encoding = String(response.headers['content-encoding'] ?? '').toLowerCase();
        const decoder =
          encoding === 'gzip' ? createGunzip() : encoding === 'deflate' ? createInflate() : encoding === 'br' ? createBrotliDecompress() : undefined;
        const body = decoder ? response.pipe(decoder) : response;
        const chunks: Buffer[] = [];
        let size = 0;
        body.on('data', (chunk: Buffer) => {
          size += chunk.length;
          if (size > options.maxBytes) {
            fail(new FeedGetError(`sent more than ${options.maxBytes} bytes`, 'oversize'));
            request.destroy();
            return;
          }
          chunks.push(chunk);
        });
        response.on('error', fail);
        body.on('error', fail);
        body.on('end', () => {
          stopWaiting();
          if (settled) return;
          settled = true;
          const bytes = Buffer.concat(chunks);
          resolve({ status, text: bytes.toString('utf8'), bytes });
        });
      });
      request.end();
    });
  return once(new URL(url), 5);
}
