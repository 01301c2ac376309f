import type { FastifyInstance } from 'fastify';

/**
 * The pages' Content-Security-Policy (the panel's, and the fleet dashboard's, which keeps an
 * operator's token in the browser): scripts only from the server itself (the Vite build
 * has no inline script), no plugins, no framing. Styles allow 'unsafe-inline' because the Lit
 * elements use style attributes (the joystick knob is positioned by one) and the pages' shell
 * is a small <style>; a style cannot run code. img-src allows data: and blob: for the QR code
 * and the camera preview.
 */
const CONTENT_SECURITY_POLICY = [
  "default-src 'self'",
  "script-src 'self'",
  "script-src-attr 'none'",
  "style-src 'self' 'unsafe-inline'",
  "img-src 'self' data: blob:",
  "font-src 'self' data:",
  "connect-src 'self'",
  "media-src 'self' blob:",
  "object-src 'none'",
  "base-uri 'self'",
  "form-action 'self'",
  "frame-ancestors 'none'",
].join('; ');

const HEADERS: Record<string, string> = {
  'content-security-policy': CONTENT_SECURITY_POLICY,
  'x-content-type-options': 'nosniff',
  // The meeting page's URL names the meeting (and a phone may carry ?code=): never hand it to another site.
  'referrer-policy': 'no-referrer',
  // frame-ancestors for browsers that predate it.
  'x-frame-options': 'DENY',
};

/**
 * Sets the security headers on every HTTP response (API, panel, docs; the fleet's too). No CORS
 * header is ever sent: the pages are served by the same server, so a page from another origin gets no
 * Access-Control-Allow-Origin and its browser keeps the answers from it.
 */
export function installSecurityHeaders(app: FastifyInstance): void {
  app.addHook('onSend', async (_request, reply, payload) => {
    for (const [name, value] of Object.entries(HEADERS)) if (!reply.hasHeader(name)) void reply.header(name, value);
    return payload;
  });
}
