import type { IncomingMessage, ServerResponse } from 'node:http';
import type { OnvifSimAuth } from './onvif-sim-auth.js';
import { PROFILES } from './onvif-sim-context.js';

/** Where GetSnapshotUri points for a profile, below the camera's base URL. */
export const snapshotPath = (profileToken: string) => `/snapshot/${profileToken}.jpg`;

const PATHS = new Set<string>(PROFILES.map((p) => snapshotPath(p.token)));

/**
 * A GET of the snapshot URI, as cameras answer it: HTTP digest when the camera has
 * credentials (a snapshot URI is plain HTTP, so WS-UsernameToken cannot cover it; the ONVIF
 * core spec asks for digest), then the JPEG. Returns the status it answered with, and how the
 * request was authenticated.
 */
export function serveSnapshot(req: IncomingMessage, res: ServerResponse, auth: OnvifSimAuth, jpeg: Buffer | null): { status: number; auth: 'none' | 'digest' } {
  const answer = (status: number, body: Buffer | string, headers: Record<string, string> = {}) => {
    const bytes = typeof body === 'string' ? Buffer.from(body, 'utf8') : body;
    res.writeHead(status, {
      'Content-Type': typeof body === 'string' ? 'text/plain; charset=utf-8' : 'image/jpeg',
      'Content-Length': String(bytes.length),
      'Cache-Control': 'no-store',
      ...headers,
    });
    res.end(req.method === 'HEAD' ? undefined : bytes);
  };
  const path = (req.url ?? '/').split('?')[0]!;
  let authenticated: 'none' | 'digest' = 'none';
  if (auth.mode !== 'none') {
    if (!auth.checkDigest(req.headers.authorization, req.method ?? 'GET')) {
      answer(401, 'Unauthorized', { 'WWW-Authenticate': auth.digestChallenge() });
      return { status: 401, auth: 'none' };
    }
    authenticated = 'digest';
  }
  if (!PATHS.has(path) || !jpeg) {
    answer(404, 'No such snapshot');
    return { status: 404, auth: authenticated };
  }
  answer(200, jpeg);
  return { status: 200, auth: authenticated };
}
