import { ApiError, type ApiClient, type Method } from './api-client.js';

/** One request that waits for the network: what to send, and what to tell the person. */
interface QueuedAction {
  id: string;
  /** What the person pressed, in their language at the time ("Mute", "Note"). */
  label: string;
  method: Method;
  path: string;
  body?: unknown;
  at: number;
}

const STORAGE_KEY = 'roomctl.queue';
/** Older than this when the network comes back: dropped (and said so), not sent. */
const QUEUE_MAX_AGE_MS = 30 * 60_000;
const MAX_ITEMS = 50;

export type FlushOutcome = { action: QueuedAction; ok: true; result: unknown } | { action: QueuedAction; ok: false; error: ApiError | 'expired' };

/**
 * Actions taken while the room could not be reached and that still make sense later (mute,
 * a note, a rating, a help call): kept in order, in localStorage so a reload keeps them,
 * and sent once the link is back. Anything time-critical (a camera move, start, book now)
 * is never queued: the panel refuses it and says so.
 */
export class ActionQueue {
  private items: QueuedAction[];
  private flushing = false;

  constructor(private readonly onChange: () => void) {
    this.items = load();
  }

  get size(): number {
    return this.items.length;
  }

  get pending(): readonly QueuedAction[] {
    return this.items;
  }

  add(action: Omit<QueuedAction, 'id' | 'at'>): QueuedAction {
    const queued: QueuedAction = { ...action, id: Math.random().toString(36).slice(2), at: Date.now() };
    this.items = [...this.items, queued].slice(-MAX_ITEMS);
    this.save();
    return queued;
  }

  /**
   * Sends in order. A network failure stops the flush (the rest waits for the next link); a
   * coded refusal drops that one action (the caller tells the person), and the flush goes on.
   */
  async flush(api: ApiClient, report: (outcome: FlushOutcome) => void): Promise<void> {
    if (this.flushing) return;
    this.flushing = true;
    try {
      while (this.items.length > 0) {
        const action = this.items[0]!;
        if (Date.now() - action.at > QUEUE_MAX_AGE_MS) {
          this.drop(action.id);
          report({ action, ok: false, error: 'expired' });
          continue;
        }
        try {
          const result = await api.send(action.method, action.path, action.body);
          this.drop(action.id);
          report({ action, ok: true, result });
        } catch (err) {
          const error = err instanceof ApiError ? err : new ApiError({ code: 'PANEL_E_BAD_RESPONSE', message: String(err) }, 0);
          if (error.code === 'PANEL_E_NETWORK') return;
          this.drop(action.id);
          report({ action, ok: false, error });
        }
      }
    } finally {
      this.flushing = false;
    }
  }

  private drop(id: string): void {
    this.items = this.items.filter((a) => a.id !== id);
    this.save();
  }

  private save(): void {
    try {
      localStorage.setItem(STORAGE_KEY, JSON.stringify(this.items));
    } catch {
      // In memory only; the badge still shows them.
    }
    this.onChange();
  }
}

function load(): QueuedAction[] {
  try {
    const parsed: unknown = JSON.parse(localStorage.getItem(STORAGE_KEY) ?? '[]');
    return Array.isArray(parsed) ? (parsed as QueuedAction[]).filter((a) => typeof a?.path === 'string' && typeof a?.method === 'string') : [];
  } catch {
    return [];
  }
}
