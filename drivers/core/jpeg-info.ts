/**
 * What a JPEG says about itself, read from its markers without decoding it: enough to
 * refuse bytes that are not a whole JPEG (an HTML error page, a cut-off download) before
 * they are stored and shown as a picture. Pure; never throws, whatever the bytes.
 */
export interface JpegInfo {
  width: number;
  height: number;
}

const SOI = 0xd8;
const EOI = 0xd9;
const SOS = 0xda;

/** Start-of-frame markers (baseline, extended, progressive, lossless; not DHT C4, JPG C8, DAC CC). */
const isStartOfFrame = (marker: number) => marker >= 0xc0 && marker <= 0xcf && marker !== 0xc4 && marker !== 0xc8 && marker !== 0xcc;
/** Markers that stand alone, with no length after them. */
const standsAlone = (marker: number) => marker === 0x01 || (marker >= 0xd0 && marker <= 0xd7) || marker === SOI || marker === EOI;

/**
 * The frame size of a whole JPEG: it starts with SOI, has a frame header before its first
 * scan, and ends with EOI after that scan (trailing padding some cameras add is allowed).
 * Undefined for anything else.
 */
export function jpegInfo(bytes: Uint8Array): JpegInfo | undefined {
  if (bytes.length < 4 || bytes[0] !== 0xff || bytes[1] !== SOI) return undefined;
  let at = 2;
  let size: JpegInfo | undefined;
  while (at + 4 <= bytes.length) {
    if (bytes[at] !== 0xff) return undefined;
    const marker = bytes[at + 1]!;
    if (marker === 0xff) {
      at += 1; // fill byte
      continue;
    }
    if (standsAlone(marker)) {
      if (marker === EOI || marker === SOI) return undefined;
      at += 2;
      continue;
    }
    const length = (bytes[at + 2]! << 8) | bytes[at + 3]!;
    if (length < 2 || at + 2 + length > bytes.length) return undefined;
    if (isStartOfFrame(marker)) {
      if (length < 7) return undefined;
      const height = (bytes[at + 5]! << 8) | bytes[at + 6]!;
      const width = (bytes[at + 7]! << 8) | bytes[at + 8]!;
      size = { width, height };
    }
    if (marker === SOS) return size && size.width > 0 && size.height > 0 && endsAfter(bytes, at + 2 + length) ? size : undefined;
    at += 2 + length;
  }
  return undefined;
}

/** True when an EOI marker follows `from`, with at most a little padding after it. */
function endsAfter(bytes: Uint8Array, from: number): boolean {
  const lastPadding = 64;
  for (let i = bytes.length - 2; i >= Math.max(from, bytes.length - 2 - lastPadding); i--) {
    if (bytes[i] === 0xff && bytes[i + 1] === EOI) return true;
  }
  return false;
}
