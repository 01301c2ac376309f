import { svg } from 'lit';

/**
 * A small inline chart of values over time (reply times, a signal): a polyline scaled to the
 * box, from zero to the highest value, or (`range`) from the lowest to the highest — an audio
 * level in dBFS is below zero. No library, so it costs the page nothing.
 */
export function sparkline(
  points: ReadonlyArray<{ at: number; value: number }>,
  options: { width?: number; height?: number; label: string; range?: boolean; kind?: string },
) {
  const width = options.width ?? 160;
  const height = options.height ?? 32;
  if (points.length < 2) return svg``;
  const t0 = points[0]!.at;
  const t1 = points.at(-1)!.at;
  const values = points.map((p) => p.value);
  const min = options.range ? Math.min(...values) : 0;
  const span = Math.max(Math.max(...values) - min, 1e-9);
  const x = (t: number) => (t1 === t0 ? 0 : ((t - t0) / (t1 - t0)) * (width - 2) + 1);
  const y = (v: number) => height - 1 - ((v - min) / span) * (height - 2);
  const path = points.map((p) => `${x(p.at).toFixed(1)},${y(p.value).toFixed(1)}`).join(' ');
  return svg`<svg class="spark" data-chart=${options.kind ?? 'trend'} width=${width} height=${height} viewBox="0 0 ${width} ${height}" role="img" aria-label=${options.label}>
    <title>${options.label}</title>
    <polyline points=${path} fill="none" stroke="#74c0fc" stroke-width="1.5" />
  </svg>`;
}
