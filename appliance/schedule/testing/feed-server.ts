import { createServer, type IncomingHttpHeaders, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

/** What the feed server answers on one path: a body (bytes or text) with headers, or a redirect. */
export interface FeedReply {
  status?: number;
  body?: string | Uint8Array;
  headers?: Record<string, string>;
  /** Writes the body itself (a stream that never ends, a bomb in chunks). */
  write?: (res: ServerResponse) => void;
}

export interface FeedServer {
  url: string;
  /** Replies by path (`/room.ics`); a path not listed answers 404. */
  routes: Map<string, FeedReply>;
  requests: { path: string; headers: IncomingHttpHeaders }[];
  close(): Promise<void>;
}

/** A loopback HTTP server playing a calendar server: what it sends is set per path, byte for byte. */
export async function startFeedServer(host = '127.0.0.1'): Promise<FeedServer> {
  const routes = new Map<string, FeedReply>();
  const requests: FeedServer['requests'] = [];
  const server = createServer((req, res) => {
    const path = (req.url ?? '/').split('?')[0]!;
    requests.push({ path, headers: req.headers });
    const reply = routes.get(path);
    if (!reply) {
      res.writeHead(404, { 'content-type': 'text/plain' }).end('not found');
      return;
    }
    res.writeHead(reply.status ?? 200, { 'content-type': 'text/calendar; charset=utf-8', ...reply.headers });
    if (reply.write) reply.write(res);
    else res.end(reply.body ?? '');
  });
  server.on('error', () => undefined);
  await new Promise<void>((resolve) => server.listen(0, host, resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://${host}:${port}`,
    routes,
    requests,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
