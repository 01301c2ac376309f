import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';

/** What the provider page reports once it asked for camera and microphone. */
export interface ProviderReport {
  path: string;
  origin: string;
  audio?: number;
  video?: number;
  error?: string;
  /** performance.now() at the report: the page's own time from navigation to media. */
  atMs: number;
}

export interface ProviderPage {
  /** http://127.0.0.1:<port> — allow `127.0.0.1` in `calls.allowDomains`. */
  base: string;
  reports: ProviderReport[];
  /** Resolves with the next report (a bench times Join → media with it). */
  nextReport(): Promise<ProviderReport>;
  close(): Promise<void>;
}

/**
 * A stand-in for a meeting service's join page, on loopback: it asks for camera and
 * microphone at once, as a web client joining with media does, and posts back what it got.
 */
export async function startProviderPage(): Promise<ProviderPage> {
  const reports: ProviderReport[] = [];
  const waiting: ((r: ProviderReport) => void)[] = [];
  const page = `<!doctype html><title>Provider</title><script>
navigator.mediaDevices.getUserMedia({ audio: true, video: true })
  .then((s) => ({ audio: s.getAudioTracks().length, video: s.getVideoTracks().length }), (e) => ({ error: e.name }))
  .then((r) => fetch('/report', { method: 'POST', body: JSON.stringify({ path: location.pathname, origin: location.origin, atMs: performance.now(), ...r }) }));
</script>`;
  const server: Server = createServer((req, res) => {
    if (req.method === 'POST' && req.url === '/report') {
      let body = '';
      req.on('data', (c: Buffer) => (body += c.toString()));
      req.on('end', () => {
        const report = JSON.parse(body) as ProviderReport;
        reports.push(report);
        waiting.shift()?.(report);
        res.end();
      });
      return;
    }
    res.setHeader('content-type', 'text/html');
    res.end(page);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    base: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    reports,
    nextReport: () => new Promise((resolve) => waiting.push(resolve)),
    async close() {
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}

/** Debian's Chromium, headless, with a fake camera and microphone (no real device, no prompt). */
export const HEADLESS_CALL_BROWSER = {
  executable: '/usr/bin/chromium',
  extraArgs: [
    '--headless',
    '--no-sandbox',
    '--disable-gpu',
    '--disable-background-networking',
    '--disable-component-update',
    '--use-fake-device-for-media-stream',
    '--use-fake-ui-for-media-stream',
  ],
};
