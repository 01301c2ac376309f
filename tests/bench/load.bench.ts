/**
 * load: 20 panels (WebSocket stream clients) and 100 API clients at once against the
 * appliance alone in its own process (appliance-process.ts: a VISCA serial and a VISCA-IP
 * camera, simulated in this process). The load comes from separate processes (load-worker.ts),
 * so neither the appliance nor the simulators share an event loop with it.
 *
 * Figures: p99 action latency (HTTP request → answer) for the API clients' actions and for
 * the panel actor's power switches, and fan-out (the actor's request → each of the 20 panels
 * holding the device message with the new power state: an upper bound on "state change → panel",
 * as it includes the action itself). Reference from the same run: the same actor and panels
 * with no API load.
 */
import { readFileSync } from 'node:fs';
import { fork } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { startApplianceProcess, type ApplianceProcess } from './appliance-process.js';
import type { Benchmark } from './bench-types.js';
import type { ApiResult, LoadWorkerData, PanelsResult } from './load-worker.js';
import { round, summarize } from './stats.js';

const PANELS = 20;
const API_CLIENTS = 100;
const API_WORKERS = 2;
/** Each API client sends a request about every 200 ms: 100 clients ≈ 500 requests/s. */
const PERIOD_MS = 200;

function runWorker<T>(data: LoadWorkerData): Promise<T> {
  return new Promise((resolve, reject) => {
    const worker = fork(fileURLToPath(new URL('./load-worker.ts', import.meta.url)), [JSON.stringify(data)], {
      execArgv: ['--import', 'tsx'],
      stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
    });
    worker.once('message', (m: T & { error?: string }) => (m.error ? reject(new Error(m.error)) : resolve(m)));
    worker.once('error', reject);
    worker.once('exit', (code) => code !== 0 && reject(new Error(`load generator exited with ${code}`)));
  });
}

/** CPU seconds (user + system) the process has used, from /proc. */
function cpuSeconds(pid: number): number {
  const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1]!.split(' ');
  return (Number(fields[11]) + Number(fields[12])) / 100; // utime, stime in clock ticks (100 Hz)
}

async function phase(room: ApplianceProcess, durationMs: number, withApiLoad: boolean) {
  const common = { baseUrl: room.baseUrl, token: room.token, durationMs };
  const cpuBefore = cpuSeconds(room.child.pid!);
  const startedAt = performance.now();
  const [panels, ...apis] = await Promise.all([
    runWorker<PanelsResult>({ ...common, role: 'panels', panels: PANELS, actorDevice: 'cam-ip' }),
    ...(withApiLoad
      ? Array.from({ length: API_WORKERS }, () =>
          runWorker<ApiResult>({ ...common, role: 'api', clients: API_CLIENTS / API_WORKERS, periodMs: PERIOD_MS, apiDevice: 'cam-serial' }),
        )
      : []),
  ]);
  const seconds = (performance.now() - startedAt) / 1000;
  const cpu = (cpuSeconds(room.child.pid!) - cpuBefore) / seconds;
  return { panels: panels!, apis, seconds, cpu };
}

const bench: Benchmark = {
  name: 'load',
  async run({ quick }) {
    const loadMs = quick ? 10_000 : 60_000;
    const referenceMs = quick ? 5_000 : 15_000;
    const room = await startApplianceProcess();
    try {
      // Warm-up (JIT, sockets), then the reference with the panels alone, then the load.
      await phase(room, 2000, false);
      const reference = await phase(room, referenceMs, false);
      const loaded = await phase(room, loadMs, true);
      const apiActions = summarize(loaded.apis.flatMap((a) => a.actions));
      const reads = summarize(loaded.apis.flatMap((a) => a.reads));
      const actor = summarize(loaded.panels.actions);
      const fanout = summarize(loaded.panels.fanout);
      const spread = summarize(loaded.panels.spread);
      const refActor = summarize(reference.panels.actions);
      const refFanout = summarize(reference.panels.fanout);
      const requests = loaded.apis.reduce((n, a) => n + a.reads.length + a.actions.length, 0) + loaded.panels.actions.length;
      const errors = loaded.apis.reduce(
        (n, a) =>
          n +
          a.errors +
          Object.entries(a.statuses)
            .filter(([s]) => Number(s) >= 400)
            .reduce((m, [, c]) => m + c, 0),
        0,
      );
      const allActions = summarize([...loaded.apis.flatMap((a) => a.actions), ...loaded.panels.actions]);
      return {
        name: 'load',
        figures: {
          action_p50_ms: round(allActions.p50),
          action_p99_ms: round(allActions.p99),
          api_action_p99_ms: round(apiActions.p99),
          panel_action_p99_ms: round(actor.p99),
          read_p50_ms: round(reads.p50),
          read_p99_ms: round(reads.p99),
          fanout_p50_ms: round(fanout.p50),
          fanout_p99_ms: round(fanout.p99),
          fanout_max_ms: round(fanout.max),
          fanout_spread_p99_ms: round(spread.p99),
          fanout_missed: loaded.panels.missed,
          requests_per_s: round(requests / loaded.seconds, 1),
          request_errors: errors,
          appliance_cpu_cores: round(loaded.cpu, 2),
          ref_panel_action_p99_ms: round(refActor.p99),
          ref_fanout_p50_ms: round(refFanout.p50),
          ref_fanout_p99_ms: round(refFanout.p99),
          ref_appliance_cpu_cores: round(reference.cpu, 2),
          action_p99_over_ref: round(actor.p99 / refActor.p99, 2),
          fanout_p99_over_ref: round(fanout.p99 / refFanout.p99, 2),
          samples_actions: allActions.n,
          samples_fanout: fanout.n,
        },
        units: {
          action_p50_ms: 'ms',
          action_p99_ms: 'ms',
          api_action_p99_ms: 'ms',
          panel_action_p99_ms: 'ms',
          read_p50_ms: 'ms',
          read_p99_ms: 'ms',
          fanout_p50_ms: 'ms',
          fanout_p99_ms: 'ms',
          fanout_max_ms: 'ms',
          fanout_spread_p99_ms: 'ms',
          fanout_missed: 'actions',
          requests_per_s: 'req/s',
          request_errors: 'requests',
          appliance_cpu_cores: 'cores',
          ref_panel_action_p99_ms: 'ms',
          ref_fanout_p50_ms: 'ms',
          ref_fanout_p99_ms: 'ms',
          ref_appliance_cpu_cores: 'cores',
          action_p99_over_ref: 'ratio',
          fanout_p99_over_ref: 'ratio',
          samples_actions: 'actions',
          samples_fanout: 'deliveries',
        },
        targets: { action_p99_ms: { max: 20 }, fanout_p99_ms: { max: 20 }, fanout_missed: { max: 0 }, request_errors: { max: 0 } },
        notes:
          `${PANELS} panels + ${API_CLIENTS} API clients (one request each ~${PERIOD_MS} ms: 4 reads to 1 action, power on cam-serial) for ${loadMs / 1000} s, from ${API_WORKERS + 1} load processes; the appliance alone in its own process (roomctl start --config).\n` +
          'action: HTTP request → answer (power on/standby on VISCA-IP for the panel actor, power on on VISCA serial for the API clients).\n' +
          "fanout: the actor's request → each panel holding the device message with the new power state (includes the action itself: an upper bound on state change → panel).\n" +
          `ref_*: the same actor and ${PANELS} panels with no API load, same run. The load generator shares this machine's cores with the appliance.`,
      };
    } finally {
      await room.close();
    }
  },
};

export default bench;
