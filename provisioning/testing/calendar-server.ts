import { createServer, type Server } from 'node:http';

/** A published ICS feed on loopback, with one booking tomorrow at 10:00 UTC. */
export async function startCalendarServer(): Promise<{ url: string; close(): Promise<void> }> {
  const day = new Date(Date.now() + 86_400_000).toISOString().slice(0, 10).replace(/-/g, '');
  const ics = [
    'BEGIN:VCALENDAR',
    'VERSION:2.0',
    'PRODID:-//roomctl tests//EN',
    'BEGIN:VEVENT',
    'UID:weekly-sync@roomctl.test',
    `DTSTART:${day}T100000Z`,
    `DTEND:${day}T110000Z`,
    'SUMMARY:Weekly sync',
    'END:VEVENT',
    'END:VCALENDAR',
    '',
  ].join('\r\n');
  const server: Server = createServer((req, res) => {
    if (req.url?.startsWith('/private-7f3a/aurora.ics')) res.writeHead(200, { 'content-type': 'text/calendar' }).end(ics);
    else res.writeHead(404).end();
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as { port: number };
  return { url: calendarFeedUrl(port), close: () => new Promise((resolve) => server.close(() => resolve())) };
}

/**
 * The same feed as a device of the held-up-room tests' worker thread
 * (drivers/testing/room-held-up.ts): it answers while the test's own thread is held up.
 */
export async function startCalendarServerInAWorker() {
  const server = await startCalendarServer();
  return { endpoint: { port: Number(new URL(server.url).port) }, close: server.close };
}

/** The feed's URL on the loopback port a worker's server listens on. */
export const calendarFeedUrl = (port: number) => `http://127.0.0.1:${port}/private-7f3a/aurora.ics`;
