import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { gzipSync } from 'node:zlib';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { getFeed } from './feed-get.js';

/** A calendar host as they behave: a published link that redirects, a gzip'd feed, one that never answers, one far too big. */
let server: Server;
let base: string;
const ICS = 'BEGIN:VCALENDAR\r\nVERSION:2.0\r\nEND:VCALENDAR\r\n';
beforeAll(async () => {
  server = createServer((req, res) => {
    if (req.url === '/published') return void res.writeHead(302, { location: '/owa/calendar.ics' }).end();
    if (req.url === '/loop') return void res.writeHead(301, { location: '/loop' }).end();
    if (req.url === '/owa/calendar.ics') return void res.writeHead(200, { 'content-type': 'text/calendar', 'content-encoding': 'gzip' }).end(gzipSync(ICS));
    if (req.url === '/huge') return void res.writeHead(200).end(Buffer.alloc(4096, 'x'));
    if (req.url === '/silent') return; // never answers
    res.writeHead(404).end();
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(async () => {
  server.closeAllConnections();
  await new Promise((resolve) => server.close(resolve));
});

const options = { timeoutMs: 2000, maxBytes: 1024, accept: 'text/calendar' };

it('follows the published link to the feed and unpacks it', async () => {
  expect(await getFeed(`${base}/published`, options)).toMatchObject({ status: 200, text: ICS });
  expect((await getFeed(`${base}/nothing-here`, options)).status).toBe(404);
});

it('gives up on a redirect loop, a feed over the limit, a host that never answers and one that refuses', async () => {
  const failure = (path: string, timeoutMs = 2000) =>
    getFeed(path.startsWith('http') ? path : `${base}${path}`, { ...options, timeoutMs }).then(
      () => 'no error',
      (err: Error & { kind: string }) => `${err.kind}: ${err.message}`,
    );
  expect(await failure('/loop')).toBe('redirects: too many redirects');
  expect(await failure('/huge')).toBe('oversize: sent more than 1024 bytes');
  expect(await failure('/silent', 300)).toBe('timeout: no answer in 300 ms');
  expect(await failure('http://127.0.0.1:9/room.ics')).toMatch(/^network: connect ECONNREFUSED 127\.0\.0\.1:9/);
});
