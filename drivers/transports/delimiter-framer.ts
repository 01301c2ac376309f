/**
 * Splits a byte stream into messages that end with one delimiter byte (LF for Tesira, NUL for
 * Q-SYS, `>` for Shure, CR for LG). Pure and bounded: a device that sends endless bytes
 * without a delimiter costs at most `maxMessage` bytes; the overlong message is dropped up to
 * its delimiter and counted in `discarded`, so the caller can treat it as incoherence.
 */
export class DelimiterFramer {
  private buffer: Buffer = Buffer.alloc(0);
  private skipping = false;
  /** Overlong messages dropped so far. */
  discarded = 0;

  constructor(
    private readonly delimiter: number,
    private readonly maxMessage = 4096,
  ) {
    if (!Number.isInteger(delimiter) || delimiter < 0 || delimiter > 255) throw new RangeError(`delimiter must be a byte, got ${delimiter}`);
  }

  get buffered(): number {
    return this.buffer.length;
  }

  /** Complete messages in this chunk, without their delimiter, as raw bytes. */
  push(chunk: Uint8Array): Buffer[] {
    const bytes = Buffer.from(chunk.buffer, chunk.byteOffset, chunk.byteLength);
    const out: Buffer[] = [];
    let start = 0;
    for (let at = bytes.indexOf(this.delimiter); at !== -1; at = bytes.indexOf(this.delimiter, start)) {
      const piece = bytes.subarray(start, at);
      start = at + 1;
      if (this.skipping || this.buffer.length + piece.length > this.maxMessage) {
        this.skipping = false;
        this.buffer = Buffer.alloc(0);
        this.discarded++;
        continue;
      }
      out.push(this.buffer.length === 0 ? Buffer.from(piece) : Buffer.concat([this.buffer, piece]));
      this.buffer = Buffer.alloc(0);
    }
    const rest = bytes.subarray(start);
    if (this.skipping) return out;
    if (this.buffer.length + rest.length > this.maxMessage) {
      // Too long already: forget it and skip to the next delimiter.
      this.buffer = Buffer.alloc(0);
      this.skipping = true;
    } else if (rest.length > 0) {
      this.buffer = Buffer.concat([this.buffer, rest]);
    }
    return out;
  }

  reset(): void {
    this.buffer = Buffer.alloc(0);
    this.skipping = false;
  }
}
