import { createServer } from 'node:http';

/**
 * A running room as doctor sees it (its status, its display, its panel's page) in the held-up-room
 * tests' worker thread (drivers/testing/room-held-up.ts): it answers while the test's own thread,
 * doctor's, is held up. Its display is still connecting when first asked, and answers after.
 */
export function startRunningRoomInAWorker() {
  let asked = 0;
  const display = () => [{ id: 'display', driver: 'pjlink', status: asked++ === 0 ? 'connecting' : 'ok' }];
  const answers: Record<string, [string, () => string]> = {
    '/': ['text/html', () => '<!doctype html><html><body>panel</body></html>'],
    '/api/v1/status': ['application/json', () => JSON.stringify({ room: { id: 'aurora' } })],
    '/api/v1/devices': ['application/json', () => JSON.stringify(display())],
  };
  const server = createServer((request, response) => {
    const answer = answers[request.url ?? ''];
    response.writeHead(answer ? 200 : 404, { 'content-type': answer?.[0] ?? 'text/plain' }).end(answer?.[1]() ?? 'not found');
  });
  return new Promise<{ endpoint: { port: number }; close(): Promise<void> }>((resolve) =>
    server.listen(0, '127.0.0.1', () =>
      resolve({
        endpoint: { port: (server.address() as { port: number }).port },
        close: () => new Promise<void>((done) => server.close(() => done())),
      }),
    ),
  );
}
