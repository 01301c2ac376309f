/**
 * The Grafana dashboard in docs/ asks only for series a room really exports: every metric
 * name in its queries (panels and variables) appears in a live appliance's /metrics, and every
 * label it filters or groups by is on those series.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { PROJECT_ROOT } from '../../appliance/paths.js';
import { startMosquitto, type RunningMosquitto } from '../helpers/mosquitto.js';
import { startTelemetryRoom, type TelemetryRoom } from '../helpers/telemetry-room.js';
import { until } from '../helpers/until.js';

interface Panel {
  type: string;
  title: string;
  targets?: Array<{ expr: string }>;
}
const dashboard = JSON.parse(readFileSync(join(PROJECT_ROOT, 'docs', 'grafana', 'roomctl-rooms.json'), 'utf8')) as {
  panels: Panel[];
  templating: { list: Array<{ query: string }> };
};
const queries = [
  ...dashboard.panels.flatMap((p) => (p.targets ?? []).map((t) => t.expr)),
  ...dashboard.templating.list.map((v) => v.query).filter((q) => q.includes('(')),
];
/** Metric names: identifiers of the exporters' families (PromQL functions and label names are not). */
const METRIC = /\b(?:roomctl|nodejs|process)_[a-z0-9_]+\b/g;

let broker: RunningMosquitto;
let room: TelemetryRoom;
let exported: string;

beforeAll(async () => {
  broker = await startMosquitto();
  room = await startTelemetryRoom({ mqtt: { url: broker.url, protocolVersion: 5 } });
  // The reply-time histogram has series once the watchdog has probed the display.
  exported = await until(
    async () => {
      const text = await (await fetch(`${room.appliance.url}/metrics`)).text();
      return /roomctl_device_reply_seconds_bucket\{/.test(text) ? text : undefined;
    },
    10_000,
    'a probe reply time',
  );
}, 30_000);

afterAll(async () => {
  await room?.close();
  await broker?.close();
});

it('queries only metrics the appliance exports', () => {
  const used = new Set(queries.flatMap((q) => q.match(METRIC) ?? []));
  expect(used.size).toBeGreaterThan(10);
  const series = new Set([...exported.matchAll(/^([a-zA-Z_:][a-zA-Z0-9_:]*)(?:\{| )/gm)].map((m) => m[1]));
  expect([...used].filter((name) => !series.has(name))).toEqual([]);
});

it('filters and groups by labels the series carry', () => {
  const labels = new Set(
    queries
      .flatMap((q) => [...q.matchAll(/\b([a-z_]+)\s*(?:=~|!=|=)\s*"/g)].map((m) => m[1]!))
      .concat(queries.flatMap((q) => [...q.matchAll(/by \(([^)]*)\)/g)].flatMap((m) => m[1]!.split(',').map((s) => s.trim())))),
  );
  const onSeries = new Set([...exported.matchAll(/\{([^}]*)\}/g)].flatMap((m) => [...m[1]!.matchAll(/([a-z_]+)="/g)].map((l) => l[1]!)));
  expect([...labels].filter((l) => !onSeries.has(l))).toEqual([]);
});

it('is a dashboard Grafana can import: unique panel ids, each query on the chosen data source', () => {
  const ids = dashboard.panels.map((p) => (p as Panel & { id: number }).id);
  expect(new Set(ids).size).toBe(ids.length);
  for (const p of dashboard.panels.filter((x) => x.type !== 'row')) {
    expect({ panel: p.title, datasource: (p as Panel & { datasource: { uid: string } }).datasource.uid }).toEqual({
      panel: p.title,
      datasource: '${datasource}',
    });
    expect(p.targets?.length).toBeGreaterThan(0);
  }
});
