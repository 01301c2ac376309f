import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vite';

/**
 * The touch panel. Built into panel-ui/dist, which the appliance serves at `/`.
 * Paths are absolute so the build works from any working directory
 * (`npx vite build --config panel-ui/vite.config.ts` from the repo root is the usual one).
 */
const root = fileURLToPath(new URL('.', import.meta.url));
/** Where `npx vite --config panel-ui/vite.config.ts` sends API calls in development. */
const appliance = process.env.ROOMCTL_API ?? 'http://127.0.0.1:8080';

export default defineConfig({
  root,
  base: '/',
  // A room has no internet: nothing may be fetched from outside, so no public assets either.
  publicDir: false,
  build: {
    outDir: fileURLToPath(new URL('./dist', import.meta.url)),
    emptyOutDir: true,
    // The appliance serves the panel on a LAN; a source map costs nothing and helps debugging on site.
    sourcemap: true,
    reportCompressedSize: true,
    // Pages: the room's touch panel, the fleet dashboard `roomctl fleet` serves, the phone's meeting and booking pages.
    rolldownOptions: {
      input: {
        main: fileURLToPath(new URL('./index.html', import.meta.url)),
        fleet: fileURLToPath(new URL('./fleet.html', import.meta.url)),
        // The phone page a meeting's QR code opens (/meeting/:id); not part of the panel's budget.
        meeting: fileURLToPath(new URL('./meeting.html', import.meta.url)),
        // The phone page the door panel's booking QR code opens (/book#code=…); not part of the panel's budget either.
        book: fileURLToPath(new URL('./book.html', import.meta.url)),
      },
    },
  },
  server: {
    proxy: {
      // `ws: true` also carries the WebSocket at /api/v1/stream.
      '/api/fleet': { target: process.env.ROOMCTL_FLEET_API ?? 'http://127.0.0.1:8090', ws: true, changeOrigin: true },
      '/api': { target: appliance, ws: true, changeOrigin: true },
    },
  },
});
