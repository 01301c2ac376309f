const HEADER_END = [13, 10, 13, 10]; // \r\n\r\n
/** A part bigger than this is not a preview frame: the stream is dropped rather than the panel's memory. */
const MAX_PART_BYTES = 4 * 1024 * 1024;

/**
 * Splits the appliance's MJPEG preview (multipart/x-mixed-replace, each part with its
 * content-length) into JPEG frames as the bytes arrive, in whatever chunks the network
 * cuts them. Pure, so it is tested without a browser.
 */
export class MjpegReader {
  private buffer: Uint8Array<ArrayBuffer> = new Uint8Array(0);

  /** Adds bytes; returns the frames they completed, oldest first. */
  push(chunk: Uint8Array): Uint8Array<ArrayBuffer>[] {
    const joined = new Uint8Array(this.buffer.length + chunk.length);
    joined.set(this.buffer);
    joined.set(chunk, this.buffer.length);
    this.buffer = joined;
    const frames: Uint8Array<ArrayBuffer>[] = [];
    for (;;) {
      const headerEnd = indexOf(this.buffer, HEADER_END);
      if (headerEnd < 0) break;
      const headers = new TextDecoder().decode(this.buffer.subarray(0, headerEnd));
      const length = Number(/content-length:\s*(\d+)/i.exec(headers)?.[1]);
      if (!Number.isSafeInteger(length) || length > MAX_PART_BYTES) throw new Error('not an MJPEG preview part');
      const start = headerEnd + HEADER_END.length;
      if (this.buffer.length < start + length) break;
      frames.push(this.buffer.slice(start, start + length));
      this.buffer = this.buffer.slice(start + length);
    }
    if (this.buffer.length > MAX_PART_BYTES) throw new Error('not an MJPEG preview part');
    return frames;
  }
}

function indexOf(haystack: Uint8Array, needle: readonly number[]): number {
  outer: for (let i = 0; i + needle.length <= haystack.length; i++) {
    for (let j = 0; j < needle.length; j++) if (haystack[i + j] !== needle[j]) continue outer;
    return i;
  }
  return -1;
}
