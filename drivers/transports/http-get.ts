import { randomBytes } from 'node:crypto';
import { RoomctlError } from '../core/errors.js';
import { replyDeadline } from '../core/reply-deadline.js';
import { digestAuthorization, parseDigestChallenge } from './http-digest.js';

export interface BoundedGetOptions {
  username?: string;
  password?: string;
  /** For the whole exchange: both requests of a digest handshake and the body. */
  timeoutMs: number;
  /** Bodies longer than this are not read (the answer says `oversize`). */
  maxBytes: number;
  /** What is being fetched, for error messages ("snapshot"). */
  what: string;
}

export interface BoundedGetAnswer {
  /** The body, or null when it was longer than `maxBytes`. */
  body: Buffer | null;
  oversize: boolean;
  contentType: string | undefined;
  /** How the server was answered: digest and basic only when it asked (401). */
  auth: 'none' | 'digest' | 'basic';
}

/**
 * One HTTP GET of a small resource from a device (a camera's snapshot JPEG): credentials
 * only when the device asks for them (digest preferred, basic if that is all it offers),
 * redirects not followed (credentials stay with the device the config names), the body
 * read up to a limit. Failures are coded: timeout, unreachable, refused credentials, or a
 * non-2xx answer.
 */
export async function boundedGet(url: URL, options: BoundedGetOptions): Promise<BoundedGetAnswer> {
  // Counted in time the room was listening (reply-deadline.ts): an answer that came while the room was held up is read, not aborted.
  const abort = new AbortController();
  const deadline = replyDeadline(options.timeoutMs, () => abort.abort());
  try {
    return await getWithin(url, options, abort.signal);
  } finally {
    deadline.cancel();
  }
}

async function getWithin(url: URL, options: BoundedGetOptions, signal: AbortSignal): Promise<BoundedGetAnswer> {
  const send = (authorization?: string) =>
    fetch(url, { signal, redirect: 'manual', headers: { accept: 'image/jpeg, */*;q=0.5', ...(authorization ? { authorization } : {}) } }).catch(
      (err: unknown) => {
        throw networkError(err, url, options);
      },
    );
  let auth: BoundedGetAnswer['auth'] = 'none';
  let response = await send();
  if (response.status === 401 && options.username !== undefined) {
    const challenge = response.headers.get('www-authenticate');
    await response.body?.cancel();
    const digest = parseDigestChallenge(challenge);
    const credentials = { username: options.username, password: options.password ?? '' };
    if (digest) {
      auth = 'digest';
      response = await send(
        digestAuthorization(digest, { method: 'GET', uri: url.pathname + url.search, ...credentials, cnonce: randomBytes(12).toString('hex') }),
      );
    } else if (/(^|,)\s*Basic\b/i.test(challenge ?? '')) {
      auth = 'basic';
      response = await send(`Basic ${Buffer.from(`${credentials.username}:${credentials.password}`).toString('base64')}`);
    }
  }
  if (response.status === 401 || response.status === 403) {
    await response.body?.cancel();
    throw new RoomctlError(
      'ROOMCTL_E_DEVICE_AUTH',
      `${options.what}: the device refused ${options.username === undefined ? 'a request without credentials' : 'the credentials'} (HTTP ${response.status})`,
      { status: response.status },
    );
  }
  if (response.status < 200 || response.status > 299) {
    await response.body?.cancel();
    const moved = response.status >= 300 && response.status < 400 ? ' (redirects are not followed: credentials stay with the device)' : '';
    throw new RoomctlError('ROOMCTL_E_DEVICE_REJECTED', `${options.what}: the device answered HTTP ${response.status}${moved}`, { status: response.status });
  }
  const contentType = response.headers.get('content-type') ?? undefined;
  const declared = Number(response.headers.get('content-length') ?? NaN);
  if (declared > options.maxBytes) {
    await response.body?.cancel();
    return { body: null, oversize: true, contentType, auth };
  }
  const body = await readUpTo(response, options.maxBytes).catch((err: unknown) => {
    throw networkError(err, url, options);
  });
  return { body, oversize: body === null, contentType, auth };
}

async function readUpTo(response: Response, maxBytes: number): Promise<Buffer | null> {
  if (!response.body) return Buffer.alloc(0);
  const reader = response.body.getReader();
  const chunks: Uint8Array[] = [];
  let total = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) return Buffer.concat(chunks, total);
    total += value.byteLength;
    if (total > maxBytes) {
      await reader.cancel();
      return null;
    }
    chunks.push(value);
  }
}

function networkError(err: unknown, url: URL, options: BoundedGetOptions): RoomctlError {
  const name = (err as { name?: string } | undefined)?.name;
  if (name === 'TimeoutError' || name === 'AbortError')
    return new RoomctlError('ROOMCTL_E_DEVICE_TIMEOUT', `${options.what}: no answer from ${url.host} within ${options.timeoutMs} ms`);
  const cause = (err as { cause?: { code?: string; message?: string } } | undefined)?.cause;
  return new RoomctlError('ROOMCTL_E_CONNECT_FAILED', `${options.what}: ${url.host} could not be reached (${cause?.code ?? cause?.message ?? String(err)})`, {
    host: url.host,
  });
}
