import { TypedBus } from '../model/typed-bus.js';
import type { Readable, Writable } from 'node:stream';

/** A message the browser sent unasked (`Page.loadEventFired`, `Target.targetCrashed`…). */
export interface CdpEvent {
  method: string;
  params: Record<string, unknown>;
  sessionId?: string;
}

/** The most a single message from the browser may hold before the pipe is judged broken. */
const MAX_MESSAGE_BYTES = 4 * 1024 * 1024;

/**
 * The DevTools protocol over the pipe Chromium opens with `--remote-debugging-pipe` (it reads
 * commands on fd 3 and writes on fd 4, each message JSON ended by NUL). No port is opened, so
 * nothing else on the machine or the room's network can drive the call's browser.
 * Emits 'event' (CdpEvent) and 'closed'.
 */
export class CdpPipe extends TypedBus<{ closed: [Error]; event: [CdpEvent] }> {
  private nextId = 1;
  private readonly pending = new Map<number, { resolve(result: Record<string, unknown>): void; reject(err: Error): void }>();
  private buffer = Buffer.alloc(0);
  private closed = false;

  constructor(
    private readonly toBrowser: Writable,
    fromBrowser: Readable,
  ) {
    super();
    fromBrowser.on('data', (chunk: Buffer) => this.onData(chunk));
    fromBrowser.on('close', () => this.close(new Error('the browser closed its DevTools pipe')));
    fromBrowser.on('error', () => undefined);
    toBrowser.on('error', () => undefined);
  }

  send(method: string, params: Record<string, unknown> = {}, sessionId?: string, timeoutMs = 10_000): Promise<Record<string, unknown>> {
    if (this.closed) return Promise.reject(new Error(`the browser is gone (${method} not sent)`));
    const id = this.nextId++;
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => {
        this.pending.delete(id);
        reject(new Error(`the browser did not answer ${method} within ${timeoutMs} ms`));
      }, timeoutMs);
      this.pending.set(id, {
        resolve: (r) => (clearTimeout(timer), resolve(r)),
        reject: (e) => (clearTimeout(timer), reject(e)),
      });
      this.toBrowser.write(`${JSON.stringify({ id, method, params, ...(sessionId ? { sessionId } : {}) })}\0`);
    });
  }

  close(reason = new Error('closed')): void {
    if (this.closed) return;
    this.closed = true;
    for (const p of this.pending.values()) p.reject(reason);
    this.pending.clear();
    this.emit('closed', reason);
  }

  private onData(chunk: Buffer): void {
    this.buffer = Buffer.concat([this.buffer, chunk]);
    for (let end = this.buffer.indexOf(0); end !== -1; end = this.buffer.indexOf(0)) {
      const text = this.buffer.subarray(0, end).toString('utf8');
      this.buffer = this.buffer.subarray(end + 1);
      this.onMessage(text);
    }
    if (this.buffer.length > MAX_MESSAGE_BYTES) this.close(new Error('the browser sent a message larger than 4 MB'));
  }

  private onMessage(text: string): void {
    let message: {
      id?: number;
      result?: Record<string, unknown>;
      error?: { message?: string };
      method?: string;
      params?: Record<string, unknown>;
      sessionId?: string;
    };
    try {
      message = JSON.parse(text) as typeof message;
    } catch {
      return;
    }
    if (typeof message.id === 'number') {
      const waiting = this.pending.get(message.id);
      this.pending.delete(message.id);
      if (message.error) waiting?.reject(new Error(message.error.message ?? 'DevTools error'));
      else waiting?.resolve(message.result ?? {});
    } else if (message.method) {
      this.emit('event', {
        method: message.method,
        params: message.params ?? {},
        ...(message.sessionId ? { sessionId: message.sessionId } : {}),
      } satisfies CdpEvent);
    }
  }
}
