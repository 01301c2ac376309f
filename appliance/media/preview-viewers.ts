import { RoomctlError } from '../../drivers/core/errors.js';

interface PreviewViewersDeps {
  /** Tells the media host to encode preview frames, or to stop. */
  encode(on: boolean): void;
  /** Someone watches: an on-demand host starts. */
  demand(): void;
  /** The last viewer left: an on-demand host may stop after a while. */
  leftAll(): void;
  /** Why there is no picture, for the refusal of `nextFrame`. */
  why(): string;
}

/**
 * Who watches the preview. The host encodes JPEG frames only while someone does: the first
 * viewer turns the encoding on, the last one off, and every frame goes to each viewer.
 */
export class PreviewViewers {
  private readonly listeners = new Set<(jpeg: Buffer) => void>();

  constructor(private readonly deps: PreviewViewersDeps) {}

  get count(): number {
    return this.listeners.size;
  }

  /** JPEG frames while subscribed; returns the unsubscribe. */
  subscribe(listener: (jpeg: Buffer) => void): () => void {
    this.listeners.add(listener);
    if (this.listeners.size === 1) this.deps.encode(true);
    this.deps.demand();
    return () => {
      if (!this.listeners.delete(listener)) return;
      if (this.listeners.size === 0) this.deps.encode(false);
      this.deps.leftAll();
    };
  }

  /**
   * The next preview frame, for one picture (the preview.jpg route, a preset's still);
   * starts the host when it runs on demand. ROOMCTL_E_MEDIA_UNAVAILABLE after `timeoutMs`.
   */
  nextFrame(timeoutMs: number): Promise<Buffer> {
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => {
        unsubscribe();
        reject(new RoomctlError('ROOMCTL_E_MEDIA_UNAVAILABLE', `No picture within ${Math.round(timeoutMs / 1000)} s (${this.deps.why()})`));
      }, timeoutMs);
      const unsubscribe = this.subscribe((frame) => {
        clearTimeout(timer);
        unsubscribe();
        resolve(Buffer.from(frame));
      });
    });
  }

  /** A frame from the host, to every viewer. */
  deliver(jpeg: Buffer): void {
    for (const listener of this.listeners) listener(jpeg);
  }
}
