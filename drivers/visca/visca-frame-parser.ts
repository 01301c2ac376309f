import { VISCA_MAX_FRAME_LENGTH, VISCA_TERMINATOR } from './visca-codec.js';

export interface ViscaFrameParserOptions {
  /**
   * Longest frame kept. Drivers use the protocol's 16; a simulated camera takes longer ones
   * so it can answer them with a length error, as real cameras do.
   */
  maxFrameLength?: number;
}

/**
 * Streaming VISCA framer: bytes in any chunking → whole frames ending in 0xFF.
 *
 * Only the terminator carries sync, so the rules are:
 * - between frames, a byte without the high bit (0x00–0x7F) cannot start a frame: dropped;
 * - a frame starts at a header byte 0x80–0xFE (camera 8x, reply y0, broadcast 88);
 * - a frame that grows past `maxFrameLength` without a terminator is noise: it is dropped
 *   along with everything up to the next 0xFF, where the stream is in sync again.
 * Memory is one fixed buffer of `maxFrameLength` bytes whatever the input.
 */
export class ViscaFrameParser {
  private readonly buffer: Uint8Array;
  private length = 0;
  /** True after an overlong frame, until the next terminator. */
  private discarding = false;
  /** Bytes thrown away so far (noise, overlong frames); the driver watches it for incoherence. */
  droppedBytes = 0;
  /** Overlong frames thrown away so far. */
  overlongFrames = 0;

  constructor(options: ViscaFrameParserOptions = {}) {
    this.buffer = new Uint8Array(options.maxFrameLength ?? VISCA_MAX_FRAME_LENGTH);
  }

  /** Bytes held for a frame not yet terminated (never more than `maxFrameLength`). */
  get bufferedLength(): number {
    return this.length;
  }

  push(chunk: Uint8Array): Uint8Array[] {
    const frames: Uint8Array[] = [];
    for (const byte of chunk) {
      if (this.discarding) {
        this.droppedBytes++;
        if (byte === VISCA_TERMINATOR) this.discarding = false;
        continue;
      }
      if (this.length === 0) {
        // A frame needs a header first; a stray 0xFF or data byte between frames is noise.
        if (byte < 0x80 || byte === VISCA_TERMINATOR) {
          this.droppedBytes++;
          continue;
        }
      }
      this.buffer[this.length++] = byte;
      if (byte === VISCA_TERMINATOR) {
        frames.push(this.buffer.slice(0, this.length));
        this.length = 0;
      } else if (this.length === this.buffer.length) {
        // Full without a terminator: no valid frame can end here. Resync at the next 0xFF.
        this.droppedBytes += this.length;
        this.overlongFrames++;
        this.length = 0;
        this.discarding = true;
      }
    }
    return frames;
  }

  /** Forget a partial frame, e.g. after the link was reopened. */
  reset(): void {
    this.length = 0;
    this.discarding = false;
  }
}
