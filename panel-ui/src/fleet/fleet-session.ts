/**
 * The operator's token in this browser: from `?token=` once (then taken out of the address
 * bar), or typed into the sign-in form; kept until they sign out.
 */
const STORAGE_KEY = 'roomctl.fleet.token';

function storage(): Storage | null {
  try {
    return window.localStorage;
  } catch {
    return null;
  }
}

export function takeFleetToken(loc: Location = window.location, hist: History = window.history): string | null {
  const url = new URL(loc.href);
  const fromUrl = url.searchParams.get('token');
  if (fromUrl !== null) {
    url.searchParams.delete('token');
    hist.replaceState(hist.state, '', url.pathname + url.search + url.hash);
    saveFleetToken(fromUrl || null);
    return fromUrl || null;
  }
  return storage()?.getItem(STORAGE_KEY) ?? null;
}

export function saveFleetToken(token: string | null): void {
  try {
    if (token) storage()?.setItem(STORAGE_KEY, token);
    else storage()?.removeItem(STORAGE_KEY);
  } catch {
    // Kept for this page only.
  }
}
