/**
 * The appliance's clock as seen from the panel: countdowns (auto-release, time left) must
 * agree with the rules that act on them, even when the panel's own clock is off.
 */
let offsetMs = 0;

/** Call with a server timestamp that has just arrived. */
export function noteServerTime(iso: string): void {
  const server = Date.parse(iso);
  if (Number.isFinite(server)) offsetMs = server - Date.now();
}

export function serverNow(): number {
  return Date.now() + offsetMs;
}
