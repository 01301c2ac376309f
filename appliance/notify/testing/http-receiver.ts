import { createServer, type IncomingHttpHeaders } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface ReceivedRequest {
  method: string;
  url: string;
  headers: IncomingHttpHeaders;
  body: string;
  json: unknown;
}

export interface Reply {
  status: number;
  body: string;
  contentType?: string;
  headers?: Record<string, string>;
}

export interface HttpReceiver {
  url: string;
  requests: ReceivedRequest[];
  /** Replies for the next requests, in order; after they run out, `fallback`. */
  replies: Reply[];
  fallback: Reply;
  /** When set, answers every request that `replies` does not (a receiver that judges what it gets). */
  respond?: (request: ReceivedRequest) => Reply;
  close(): Promise<void>;
}

/** A loopback HTTP server that records each request and answers as told (a chat tool's webhook). */
export async function startHttpReceiver(fallback: Reply = { status: 200, body: 'ok', contentType: 'text/plain' }): Promise<HttpReceiver> {
  const receiver: Omit<HttpReceiver, 'url' | 'close'> = { requests: [], replies: [], fallback };
  const answer = (request: ReceivedRequest): Reply => receiver.replies.shift() ?? receiver.respond?.(request) ?? receiver.fallback;
  const server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const body = Buffer.concat(chunks).toString('utf8');
      let json: unknown;
      try {
        json = JSON.parse(body);
      } catch {
        json = undefined;
      }
      const request = { method: req.method ?? '', url: req.url ?? '', headers: req.headers, body, json };
      receiver.requests.push(request);
      const reply = answer(request);
      res.writeHead(reply.status, { 'content-type': reply.contentType ?? 'application/json', ...reply.headers });
      res.end(reply.body);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return Object.assign(receiver, {
    url: `http://127.0.0.1:${port}`,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  });
}

/** A loopback port nobody listens on (bound, then released). */
export async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
}
