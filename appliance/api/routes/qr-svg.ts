import type { FastifyReply } from 'fastify';

/** Answers with a QR code (SVG) of `url`: the meeting page's, the door's booking page's. */
export async function sendQrSvg(reply: FastifyReply, url: string): Promise<FastifyReply> {
  // Loaded on the first QR code, not at start (idle footprint).
  const { default: QRCode } = await import('qrcode');
  const svg = await QRCode.toString(url, { type: 'svg', errorCorrectionLevel: 'M', margin: 2 });
  return reply.type('image/svg+xml').header('cache-control', 'no-store').send(svg);
}
