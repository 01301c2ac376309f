import { fileURLToPath } from 'node:url';
import { defineConfig, type HtmlTagDescriptor, type Plugin } from 'vite';
import { minifyLitTemplates } from './minify-templates.js';

/**
 * The touch panel. Built into panel-ui/dist, which the appliance serves at `/`.
 * Paths are absolute so the build works from any working directory
 * (`npx vite build --config panel-ui/vite.config.ts` from the repo root is the usual one).
 */
const root = fileURLToPath(new URL('.', import.meta.url));
/** Where `npx vite --config panel-ui/vite.config.ts` sends API calls in development. */
const appliance = process.env.ROOMCTL_API ?? 'http://127.0.0.1:8080';

/**
 * The document every page shares (the panel, the fleet dashboard, the phone pages): the
 * doctype and language, a dark page shell for the elements (which style themselves in their
 * shadow roots), and no favicon request (the appliance has none and a kiosk shows no tab).
 * A page's own file holds only what is its own: its title, its script, its element, its
 * noscript text and anything its shell adds (pageDocument puts them in head and body).
 */
const sharedHead: HtmlTagDescriptor[] = [
  { tag: 'meta', attrs: { charset: 'utf-8' } },
  { tag: 'meta', attrs: { name: 'viewport', content: 'width=device-width, initial-scale=1' } },
  { tag: 'meta', attrs: { name: 'color-scheme', content: 'dark' } },
  { tag: 'meta', attrs: { name: 'theme-color', content: '#0f1419' } },
  { tag: 'link', attrs: { rel: 'icon', href: 'data:,' } },
  {
    tag: 'style',
    children: [
      'html, body { margin: 0; min-height: 100%; background: #0f1419; color: #e8edf2;',
      "font-family: system-ui, -apple-system, 'Segoe UI', Roboto, 'Noto Sans', 'Noto Sans CJK SC', 'Droid Sans Fallback', 'DejaVu Sans', sans-serif; }",
    ].join(' '),
  },
].map((tag) => ({ ...tag, injectTo: 'head-prepend' as const }));

/** A page's file in its document: its title, styles and scripts in the head, from its first other element on in the body. */
function pageDocument(page: string): string {
  const body = page.search(/^<(?!\/|!--|title|style|script|link|meta)/m);
  return `<!doctype html>\n<html lang="en">\n<head>\n${page.slice(0, body)}</head>\n<body>\n${page.slice(body)}</body>\n</html>\n`;
}

const pageDocuments: Plugin = {
  name: 'roomctl-page-documents',
  // Before Vite reads the page's scripts, so they are bundled as in any page.
  transformIndexHtml: { order: 'pre', handler: (page) => ({ html: pageDocument(page), tags: sharedHead }) },
};

export default defineConfig({
  root,
  plugins: [pageDocuments, minifyLitTemplates],
  base: '/',
  // A room has no internet: nothing may be fetched from outside, so no public assets either.
  publicDir: false,
  build: {
    outDir: fileURLToPath(new URL('./dist', import.meta.url)),
    emptyOutDir: true,
    // A source map helps debugging on site. It is named in a SourceMap header by the server
    // (appliance/http/panel-assets.ts), not in a comment each kiosk downloads with every script.
    sourcemap: 'hidden',
    reportCompressedSize: true,
    modulePreload: {
      polyfill: false,
      // The page's own chunks are preloaded from its HTML. A screen loaded on demand fetches
      // its imports when it arrives, one round trip on the room's network: listing them ahead
      // (Vite's preload map, hashed file names that do not compress) cost the panel 0.4 KiB.
      resolveDependencies: (_file, deps, { hostType }) => (hostType === 'html' ? deps : []),
    },
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
