/** When this tab last reloaded for a new build, so a file that is truly missing cannot loop it. */
const RELOADED_AT = 'roomctl.reloadedForBuild';
const AT_MOST_EVERY_MS = 60_000;

/**
 * Loads a screen's code on first use. A panel stays open for weeks; when the room is updated
 * meanwhile, the file the old page names is gone (every build names its files anew) and the
 * screen would stay empty — Help included. Then, if the room answers, the panel reloads onto
 * the room's new build (at most once a minute); offline, the next visit to the screen tries again.
 */
export function loadScreen(load: () => Promise<unknown>, roomAnswers: () => boolean): void {
  load().catch(() => {
    if (!roomAnswers()) return;
    try {
      if (Date.now() - Number(sessionStorage.getItem(RELOADED_AT) ?? 0) < AT_MOST_EVERY_MS) return;
      sessionStorage.setItem(RELOADED_AT, String(Date.now()));
    } catch {
      return; // Without storage nothing guards against a loop: the screen stays empty instead.
    }
    window.location.reload();
  });
}
