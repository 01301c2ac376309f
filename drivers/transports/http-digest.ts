import { createHash } from 'node:crypto';

/**
 * HTTP digest access authentication (RFC 7616), the client side: read the server's
 * challenge, answer it. Pure (the cnonce is a parameter), so the RFC's own examples test it.
 * Cameras ask for it on their snapshot and stream URLs; MD5 is what most of them still use.
 */
export interface DigestChallenge {
  realm: string;
  nonce: string;
  /** `auth` when the server offers it; undefined for the old RFC 2069 form. */
  qop: 'auth' | undefined;
  opaque: string | undefined;
  algorithm: 'MD5' | 'MD5-sess' | 'SHA-256' | 'SHA-256-sess';
}

export interface DigestRequest {
  method: string;
  /** The request target as sent: path and query. */
  uri: string;
  username: string;
  password: string;
  cnonce: string;
  /** How many times this nonce was used, from 1. */
  nc?: number;
}

const ALGORITHMS = ['MD5', 'MD5-sess', 'SHA-256', 'SHA-256-sess'] as const;

/** The Digest challenge in a WWW-Authenticate header (which may list other schemes too), or undefined. */
export function parseDigestChallenge(header: string | null | undefined): DigestChallenge | undefined {
  const start = header ? header.search(/(^|[\s,])Digest\s/i) : -1;
  if (!header || start < 0) return undefined;
  const params: Record<string, string> = {};
  const text = header.slice(start).replace(/^[\s,]*Digest\s+/i, '');
  for (const m of text.matchAll(/\s*([A-Za-z-]+)\s*=\s*(?:"((?:[^"\\]|\\.)*)"|([^\s,"]+))\s*(?:,|$)/gy))
    params[m[1]!.toLowerCase()] = m[2] !== undefined ? m[2].replace(/\\(.)/g, '$1') : m[3]!;
  const algorithm = ALGORITHMS.find((a) => a.toLowerCase() === (params.algorithm ?? 'MD5').toLowerCase());
  if (params.realm === undefined || !params.nonce || !algorithm) return undefined;
  const qops = (params.qop ?? '').split(',').map((q) => q.trim());
  if (params.qop !== undefined && !qops.includes('auth')) return undefined; // auth-int only: a body we would have to hash
  return { realm: params.realm, nonce: params.nonce, qop: qops.includes('auth') ? 'auth' : undefined, opaque: params.opaque, algorithm };
}

/** The Authorization header value answering `challenge` for `request`. */
export function digestAuthorization(challenge: DigestChallenge, request: DigestRequest): string {
  const hashName = challenge.algorithm.startsWith('SHA-256') ? 'sha256' : 'md5';
  const h = (text: string) => createHash(hashName).update(text, 'utf8').digest('hex');
  const nc = (request.nc ?? 1).toString(16).padStart(8, '0');
  let ha1 = h(`${request.username}:${challenge.realm}:${request.password}`);
  if (challenge.algorithm.endsWith('-sess')) ha1 = h(`${ha1}:${challenge.nonce}:${request.cnonce}`);
  const ha2 = h(`${request.method}:${request.uri}`);
  const response = challenge.qop ? h(`${ha1}:${challenge.nonce}:${nc}:${request.cnonce}:${challenge.qop}:${ha2}`) : h(`${ha1}:${challenge.nonce}:${ha2}`);
  const quote = (value: string) => `"${value.replace(/["\\]/g, '\\$&')}"`;
  const fields = [
    `username=${quote(request.username)}`,
    `realm=${quote(challenge.realm)}`,
    `uri=${quote(request.uri)}`,
    `algorithm=${challenge.algorithm}`,
    `nonce=${quote(challenge.nonce)}`,
    ...(challenge.qop ? [`nc=${nc}`, `cnonce=${quote(request.cnonce)}`, `qop=${challenge.qop}`] : []),
    `response=${quote(response)}`,
    ...(challenge.opaque !== undefined ? [`opaque=${quote(challenge.opaque)}`] : []),
  ];
  return `Digest ${fields.join(', ')}`;
}
