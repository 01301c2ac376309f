import type { ReactiveControllerHost } from 'lit';
import type { ApiClient } from './api-client.js';
import { RenderOnChange } from './render-on-change.js';

interface Entry {
  version: string;
  /** The object URL shown now: the newest still that loaded (an older one while a newer loads). */
  url: string | null;
  loading: boolean;
  /** When loading `version` failed; it is tried again after a while. */
  failedAt: number | null;
}

const RETRY_MS = 30_000;

/**
 * The stills of camera presets, fetched with the panel's credential and shown through
 * object URLs. Why fetch + blob rather than `still.jpg?token=`: the credential stays in a
 * header, out of every URL (the DOM, the appliance's and any proxy's logs), and a paired
 * panel's credential works the same way as on every other request. One still per preset
 * is kept; the device view's `version` says when to fetch a newer one, and the old URL is
 * released once the new picture is there (no flash of the placeholder in between).
 */
class PresetStillCache {
  /** The panel's API client (main.ts): its credential changes with pairing, so it is read at each fetch. */
  client: ApiClient | null = null;
  private readonly entries = new Map<string, Entry>();
  private readonly listeners = new Set<() => void>();

  /** The picture to show for a preset whose still is at `version` (undefined: it has none), or null for the placeholder. */
  url(device: string, preset: number, version: string | undefined): string | null {
    const key = `${device}/${preset}`;
    const entry = this.entries.get(key);
    if (version === undefined) {
      // The caller is rendering the placeholder already: no need to tell anyone.
      if (entry?.url) URL.revokeObjectURL(entry.url);
      this.entries.delete(key);
      return null;
    }
    if (!entry) {
      const fresh: Entry = { version, url: null, loading: false, failedAt: null };
      this.entries.set(key, fresh);
      this.load(key, device, preset, fresh);
    } else if (entry.version !== version) {
      Object.assign(entry, { version, failedAt: null });
      this.load(key, device, preset, entry);
    } else if (entry.failedAt !== null && Date.now() - entry.failedAt > RETRY_MS) {
      entry.failedAt = null;
      this.load(key, device, preset, entry);
    }
    return this.entries.get(key)?.url ?? null;
  }

  /** A picture that would not decode: show the placeholder, and try again later. */
  broken(device: string, preset: number): void {
    const key = `${device}/${preset}`;
    const entry = this.entries.get(key);
    if (!entry?.url) return;
    URL.revokeObjectURL(entry.url);
    Object.assign(entry, { url: null, failedAt: Date.now() });
    this.changed();
  }

  subscribe(listener: () => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  private load(key: string, device: string, preset: number, entry: Entry): void {
    const client = this.client;
    if (!client || entry.loading) return;
    entry.loading = true;
    const version = entry.version;
    client
      .blob(`/api/v1/devices/${encodeURIComponent(device)}/presets/${preset}/still.jpg`)
      .then(
        (blob) => {
          if (this.entries.get(key) !== entry) return;
          if (entry.url) URL.revokeObjectURL(entry.url);
          entry.url = URL.createObjectURL(blob);
        },
        () => {
          // Not an older picture for a preset saved anew: the placeholder, until a retry works.
          if (entry.url) URL.revokeObjectURL(entry.url);
          Object.assign(entry, { url: null, failedAt: Date.now() });
        },
      )
      .finally(() => {
        entry.loading = false;
        // A newer version arrived while this one loaded: fetch that too.
        if (this.entries.get(key) === entry && entry.version !== version) this.load(key, device, preset, entry);
        this.changed();
      });
  }

  private changed(): void {
    for (const listener of this.listeners) listener();
  }
}

/** The panel's one cache: the preset tiles of every screen share it. */
export const presetStills = new PresetStillCache();

/** Re-renders its host when a still arrives or goes. */
export class PresetStillsController extends RenderOnChange {
  constructor(host: ReactiveControllerHost) {
    super(host, (listener) => presetStills.subscribe(listener));
  }
}
