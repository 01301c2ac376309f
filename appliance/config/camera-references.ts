import type { ConfigIssue } from './config-issue.js';

/**
 * Fields elsewhere in the config that name a camera device: each must name a camera of
 * this room, or the room would start with a preset button, a still or a picture source
 * that can never work. Reported like every other config problem, with the cameras allowed.
 */
export function cameraReferenceIssues(config: Record<string, unknown>, cameraIds: readonly string[]): ConfigIssue[] {
  const media = config.media as { video?: { camera?: unknown; source?: { camera?: unknown } } } | undefined;
  const presets = (config.panel as { presets?: unknown } | undefined)?.presets;
  const references: { path: string; id: unknown }[] = [
    { path: 'media.video.camera', id: media?.video?.camera },
    { path: 'media.video.source.camera', id: media?.video?.source?.camera },
    ...(Array.isArray(presets) ? presets.map((p: { device?: unknown } | null, i) => ({ path: `panel.presets[${i}].device`, id: p?.device })) : []),
  ];
  const allowed = cameraIds.length > 0 ? cameraIds.join(', ') : 'the id of a camera in devices (this room has none)';
  return references
    .filter((r): r is { path: string; id: string } => typeof r.id === 'string' && !cameraIds.includes(r.id))
    .map((r) => ({ path: r.path, message: `names no camera device "${r.id}"`, allowed }));
}
