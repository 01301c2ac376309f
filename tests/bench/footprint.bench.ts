/**
 * footprint: how fast the demo room is ready and how much memory it holds when idle.
 * `roomctl start` (no config) is started as a person would start it; "ready" means the API
 * answers and every device is ok. Reference from the same run: a bare `node` process
 * (start to first line, RSS), which no Node program can beat.
 */
import { spawn } from 'node:child_process';
import { readFile } from 'node:fs/promises';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ROOMCTL_BIN } from '../helpers/cli.js';
import { PROJECT_ROOT } from '../../appliance/paths.js';
import { startApplianceProcess } from './appliance-process.js';
import { provisionedUnitIdleRss } from './provisioned-unit.js';
import type { Benchmark } from './bench-types.js';
import { round, summarize } from './stats.js';

async function rssMb(pid: number): Promise<number> {
  const status = await readFile(`/proc/${pid}/status`, 'utf8');
  return Number(/VmRSS:\s+(\d+) kB/.exec(status)![1]) / 1024;
}

async function startDemo(cwd: string): Promise<{ pid: number; readyMs: number; stop(): Promise<void> }> {
  const t0 = performance.now();
  // Started as scripts/demo.sh and the bin's shebang start it, with the same V8 flag.
  const child = spawn(process.execPath, ['--max-semi-space-size=2', ROOMCTL_BIN, 'start', '--listen', '127.0.0.1:0'], {
    cwd,
    env: { ...process.env, ROOMCTL_LOG_LEVEL: 'warn' },
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  let out = '';
  child.stdout.on('data', (d) => (out += d));
  const deadline = Date.now() + 30_000;
  let base: string | undefined;
  for (;;) {
    if (Date.now() > deadline || child.exitCode !== null) throw new Error(`the demo did not get ready:\n${out}`);
    base ??= /API\s+(http:\/\/\S+?)\/api\/v1\/status/.exec(out)?.[1];
    if (base) {
      const status = (await fetch(`${base}/api/v1/status`)
        .then((r) => r.json())
        .catch(() => null)) as { devices: { ok: number; total: number } } | null;
      if (status && status.devices.ok === status.devices.total) break;
    }
    await new Promise((r) => setTimeout(r, 5));
  }
  const readyMs = performance.now() - t0;
  return {
    pid: child.pid!,
    readyMs,
    stop: () =>
      new Promise<void>((resolve) => {
        child.once('exit', () => resolve());
        child.kill('SIGINT');
      }),
  };
}

async function bareNode(): Promise<{ ms: number; rss: number }> {
  const t0 = performance.now();
  const child = spawn(process.execPath, ['-e', 'console.log("up"); setTimeout(() => {}, 2000)'], { stdio: ['ignore', 'pipe', 'inherit'] });
  await new Promise((resolve) => child.stdout.once('data', resolve));
  const ms = performance.now() - t0;
  const rss = await rssMb(child.pid!);
  child.kill();
  return { ms, rss };
}

const bench: Benchmark = {
  name: 'footprint',
  async run({ quick }) {
    const dir = await mkdtemp(join(tmpdir(), 'roomctl-footprint-'));
    const fromBuild = await readFile(join(PROJECT_ROOT, 'dist', 'cli', 'main.js')).then(
      () => true,
      () => false,
    );
    try {
      const starts: number[] = [];
      const runs = quick ? 3 : 5;
      for (let i = 0; i < runs; i++) {
        const demo = await startDemo(dir);
        starts.push(demo.readyMs);
        await demo.stop();
      }
      const idleSeconds = quick ? 5 : 30;
      const demo = await startDemo(dir);
      await new Promise((r) => setTimeout(r, idleSeconds * 1000));
      const rss = await rssMb(demo.pid);
      await demo.stop();
      // A room as it runs on a mini-PC: the appliance alone (its simulators in this process).
      const room = await startApplianceProcess();
      await new Promise((r) => setTimeout(r, idleSeconds * 1000));
      const roomRss = await rssMb(room.child.pid!);
      await room.close();
      // A provisioned room, started with its systemd unit's own ExecStart line.
      const unitRss = await provisionedUnitIdleRss(idleSeconds, rssMb);
      const bare = [await bareNode(), await bareNode(), await bareNode()];
      const ready = summarize(starts);
      const bareMs = summarize(bare.map((b) => b.ms)).p50;
      const bareRss = summarize(bare.map((b) => b.rss)).p50;
      return {
        name: 'footprint',
        figures: {
          ready_p50_ms: round(ready.p50, 0),
          ready_max_ms: round(ready.max, 0),
          idle_rss_mb: round(rss, 1),
          idle_seconds: idleSeconds,
          room_only_idle_rss_mb: round(roomRss, 1),
          provisioned_unit_idle_rss_mb: round(unitRss, 1),
          bare_node_start_ms: round(bareMs, 0),
          bare_node_rss_mb: round(bareRss, 1),
          ready_over_bare_node: round(ready.p50 / bareMs, 1),
          rss_over_bare_node: round(rss / bareRss, 1),
        },
        units: {
          ready_p50_ms: 'ms',
          ready_max_ms: 'ms',
          idle_rss_mb: 'MB',
          idle_seconds: 's',
          room_only_idle_rss_mb: 'MB',
          provisioned_unit_idle_rss_mb: 'MB',
          bare_node_start_ms: 'ms',
          bare_node_rss_mb: 'MB',
          ready_over_bare_node: 'ratio',
          rss_over_bare_node: 'ratio',
        },
        targets: { ready_max_ms: { max: 2000 }, idle_rss_mb: { max: 120 }, provisioned_unit_idle_rss_mb: { max: 120 } },
        notes: `${runs} starts of \`roomctl start\` ${fromBuild ? 'from dist/ (npm run build)' : 'from source through tsx (no build found)'}; ready = every device ok. RSS of the demo process, which also holds every device simulator, the embedded broker and the fleet view (socat children excluded). room_only: \`roomctl start --config\` with two cameras, simulators elsewhere. provisioned_unit: a room provisioned into --root (two VISCA cameras, an MDC and a PJLink display), started with its unit's own ExecStart line.`,
      };
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  },
};

export default bench;
