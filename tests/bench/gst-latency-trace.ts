import { readFile } from 'node:fs/promises';

/**
 * Reads the GStreamer latency tracer's log (GST_TRACERS="latency(flags=pipeline+element)",
 * GST_DEBUG=GST_TRACER:7): `latency` records give a buffer's time from the source to each
 * sink, `element-latency` records the time spent in each element. Times are in ns; the
 * result is in ms, grouped by sink (or element) name.
 */
export interface LatencyTrace {
  bySink: Map<string, number[]>;
  byElement: Map<string, number[]>;
}

const PIPELINE = /:: latency, .*?src-element=\(string\)([^,]+), .*?sink-element=\(string\)([^,]+), .*?time=\(guint64\)(\d+)/;
const ELEMENT = /:: element-latency, .*?element=\(string\)([^,]+), .*?time=\(guint64\)(\d+)/;

export function parseLatencyTrace(log: string): LatencyTrace {
  const bySink = new Map<string, number[]>();
  const byElement = new Map<string, number[]>();
  const add = (map: Map<string, number[]>, key: string, ns: string) => {
    const list = map.get(key) ?? [];
    list.push(Number(ns) / 1e6);
    map.set(key, list);
  };
  for (const line of log.split('\n')) {
    const p = PIPELINE.exec(line);
    if (p) {
      add(bySink, p[2]!, p[3]!);
      continue;
    }
    const e = ELEMENT.exec(line);
    if (e) add(byElement, e[1]!, e[2]!);
  }
  return { bySink, byElement };
}

/** Clock ticks of CPU (user + system) a process has used so far, from /proc. */
export async function processCpuSeconds(pid: number): Promise<number> {
  const stat = await readFile(`/proc/${pid}/stat`, 'utf8');
  // Fields after the command name (which may hold spaces): utime and stime are the 12th and 13th.
  const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  return (Number(fields[11]) + Number(fields[12])) / 100;
}
