import { replyDeadline } from '../../drivers/core/reply-deadline.js';

/**
 * `ask`, given up (its signal aborted) when it has not answered within `timeoutMs` of doctor
 * listening: a reply deadline, so a doctor held up on a busy room PC reads the answer waiting in
 * the socket before it calls the room, its panel or the calendar server not answering.
 */
export async function answeredWithin<T>(timeoutMs: number, ask: (signal: AbortSignal) => Promise<T>): Promise<T> {
  const abort = new AbortController();
  const deadline = replyDeadline(timeoutMs, () => abort.abort(new Error(`no answer within ${timeoutMs} ms`)));
  try {
    return await ask(abort.signal);
  } finally {
    deadline.cancel();
  }
}
