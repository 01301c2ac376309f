import type { FleetNames } from './fleet-api-types.js';

/** The device names a room's retained state carries (`deviceNames: {id: {en, zh-CN}}`). */
export function deviceNamesOf(state: Record<string, unknown> | null): Record<string, FleetNames> {
  const out: Record<string, FleetNames> = {};
  const given = state?.deviceNames;
  if (!given || typeof given !== 'object') return out;
  for (const [id, v] of Object.entries(given as Record<string, unknown>)) {
    const n = v as { en?: unknown; 'zh-CN'?: unknown } | null;
    if (n && typeof n.en === 'string') out[id] = { en: n.en, 'zh-CN': typeof n['zh-CN'] === 'string' ? n['zh-CN'] : n.en };
  }
  return out;
}
