/**
 * Polls `check` until it returns a value that is not undefined/null/false, and returns that
 * value typed without the empty cases. Generous deadlines, no fixed sleeps: the machine is shared.
 */
export async function until<T>(check: () => T | Promise<T>, timeoutMs = 5000, what = 'condition', everyMs = 10): Promise<Exclude<T, undefined | null | false>> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await check();
    if (value !== undefined && value !== null && value !== false) return value as Exclude<T, undefined | null | false>;
    if (Date.now() > deadline) throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}`);
    await new Promise((r) => setTimeout(r, everyMs));
  }
}
