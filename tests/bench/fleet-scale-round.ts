/**
 * One fleet-scale round: a fresh Mosquitto, the fleet instances as child processes, the load
 * from generator processes (fleet-scale-generator.ts), the figures read from the database,
 * the fleets' /metrics, and /proc. Every wait has a bound: a round that cannot finish ends
 * with what was pending, never hangs.
 */
import { fork, type ChildProcess } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import Database from 'better-sqlite3';
import { connectPostgres } from '../../fleet/fleet-sql-postgres.js';
import { SqliteFleetSql } from '../../fleet/fleet-sql-sqlite.js';
import type { FleetSql } from '../../fleet/fleet-sql.js';
import { startFleetProcess, type FleetProcess } from '../helpers/fleet-process.js';
import { startMosquitto } from '../helpers/mosquitto.js';
import type { RunningPostgres } from '../helpers/postgres.js';
import { unfinishedRound, type Measured } from './fleet-scale-verdict.js';
import type { GeneratorConfig, GeneratorResult } from './fleet-scale-generator.js';
import { childCpuSeconds, coresBetween, cpuSeconds, loadAverage, machineBusySeconds, treeCpuSeconds } from './proc-cpu.js';
import { summarize } from './stats.js';

export const DEVICES_PER_ROOM = 8;
export const HEARTBEAT_S = 30;
const FAULT_BURST_EVERY_MS = 5000;

export interface Setup {
  name: 'sqlite' | 'postgres';
  instances: number;
  postgres?: RunningPostgres;
}

/** Resolves to the promise's value, or rejects with `what` after `ms`. */
function within<T>(promise: Promise<T>, ms: number, what: string): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => (timer = setTimeout(() => reject(new Error(`${what}: not within ${ms / 1000} s`)), ms)));
  return Promise.race([promise, timeout]).finally(() => clearTimeout(timer));
}

/** The counters a fleet instance exports at /metrics. */
async function scrape(fleet: FleetProcess): Promise<Record<string, number>> {
  try {
    const text = await (await fetch(`${fleet.url}/metrics`, { signal: AbortSignal.timeout(2000) })).text();
    const out: Record<string, number> = {};
    for (const m of text.matchAll(/^(roomctl_fleet_(?:messages_\w+_total|ingest_batches_total|ingest_queued|acks_held)) (\S+)$/gm)) out[m[1]!] = Number(m[2]);
    return out;
  } catch {
    return {};
  }
}
const committedOf = (m: Record<string, number>) =>
  (m.roomctl_fleet_messages_applied_total ?? 0) + (m.roomctl_fleet_messages_duplicates_total ?? 0) + (m.roomctl_fleet_messages_stale_total ?? 0);
const sum = (xs: number[]) => xs.reduce((a, b) => a + b, 0);

/** Generator workers: one per ~2,500 msg/s asked (one Node process keeps that schedule with room to spare), at most 4. */
function workersFor(askedMsgPerS: number): number {
  return Number(process.env.ROOMCTL_FLEET_SCALE_WORKERS ?? Math.min(4, Math.max(1, Math.ceil(askedMsgPerS / 2500))));
}

export async function runRound(setup: Setup, rooms: number, windowS: number, deadline: number): Promise<Measured> {
  const askedMsgPerS = (rooms * DEVICES_PER_ROOM) / HEARTBEAT_S;
  // A broker per round: the persistent sessions a round's fleets leave behind must not weigh on the next.
  const broker = await startMosquitto();
  const dirs = await Promise.all(Array.from({ length: setup.instances }, () => mkdtemp(join(tmpdir(), 'roomctl-bench-scale-'))));
  const database = setup.postgres ? await setup.postgres.createDatabase(`bench_${rooms}_${Date.now()}`) : undefined;
  const fleets: FleetProcess[] = [];
  const workers: ChildProcess[] = [];
  let probe: FleetSql | undefined;
  let killedOnStop = 0;
  const measure = async (): Promise<Measured> => {
    for (let i = 0; i < setup.instances; i++) {
      const start = startFleetProcess({
        brokerUrl: broker.url,
        dataDir: dirs[i]!,
        clientId: `bench-fleet-${setup.name}-${rooms}-${i}`,
        database,
        share: setup.instances > 1 ? 'roomctl-fleet' : undefined,
      });
      fleets.push(await within(start, 60_000, 'a fleet instance to start'));
    }
    probe = database
      ? await connectPostgres(database, { max: 2 })
      : new SqliteFleetSql(new Database(join(dirs[0]!, 'fleet.sqlite'), { readonly: true, fileMustExist: true }));
    const db = probe;
    const count = async (sql: string, params: Array<string | number> = []) => Number((await db.query<{ n: number }>(sql, params))[0]!.n);

    const workerCount = workersFor(askedMsgPerS);
    const results: Array<Promise<GeneratorResult>> = [];
    const registered: Array<Promise<unknown>> = [];
    for (let w = 0; w < workerCount; w++) {
      const config: GeneratorConfig = {
        brokerUrl: broker.url,
        rooms,
        devicesPerRoom: DEVICES_PER_ROOM,
        worker: w,
        workers: workerCount,
        connections: Math.max(2, Math.round(16 / workerCount)),
        heartbeatS: HEARTBEAT_S,
        windowMs: windowS * 1000,
        faultEveryMs: FAULT_BURST_EVERY_MS,
        faultsPerBurst: Math.ceil(Math.max(10, Math.round(rooms / 100)) / workerCount),
      };
      const child = fork(fileURLToPath(new URL('./fleet-scale-generator.ts', import.meta.url)), [JSON.stringify(config)], {
        execArgv: ['--import', 'tsx'],
        stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
      });
      workers.push(child);
      const next = () =>
        new Promise<Record<string, unknown>>((resolve, reject) => {
          child.once('message', (m: Record<string, unknown>) => (m.error ? reject(new Error(String(m.error))) : resolve(m)));
          child.once('exit', (code) => reject(new Error(`a load generator exited with ${code}`)));
        });
      const first = next();
      registered.push(first);
      results.push(first.then(() => next() as unknown as Promise<GeneratorResult>));
    }
    for (const r of [...registered, ...results]) r.catch(() => undefined);

    // A process that exited (a generator done or failed, a fleet instance that died) has no
    // reading: its figure is unknown, not the negative one a reading of 0 made.
    const cpuOf = () => ({
      fleet: fleets.map((f) => childCpuSeconds(f.proc)),
      postgres: setup.postgres ? treeCpuSeconds(setup.postgres.pid!) : 0,
      mosquitto: cpuSeconds(broker.pid!),
      generators: workers.map((w) => childCpuSeconds(w)),
      bench: process.cpuUsage(),
      machine: machineBusySeconds(),
    });
    const coresOver = (a: ReturnType<typeof cpuOf>, b: ReturnType<typeof cpuOf>, ms: number): Measured['cpu'] => {
      const seconds = ms / 1000;
      const bench = process.cpuUsage(a.bench);
      return {
        fleet: b.fleet.map((c, i) => coresBetween(a.fleet[i], c, seconds)),
        postgres: coresBetween(a.postgres, b.postgres, seconds),
        mosquitto: coresBetween(a.mosquitto, b.mosquitto, seconds),
        generators: b.generators.map((c, i) => coresBetween(a.generators[i], c, seconds)),
        bench: (bench.user + bench.system) / 1e6 / seconds,
        machineBusy: (b.machine - a.machine) / seconds,
      };
    };

    // Registration: every room online and every device's health, all at once (not the measured
    // window), within 180 s and what is left of the set-up's time budget.
    const devices = rooms * DEVICES_PER_ROOM;
    const regStart = Date.now();
    const regCpu0 = cpuOf();
    const regDeadline = regStart + Math.max(30_000, Math.min(180_000, deadline - regStart - windowS * 1000 - 20_000));
    const emptyRound = (outcome: string): Measured => ({ ...unfinishedRound(rooms, askedMsgPerS, setup.instances, outcome), loadAverage: loadAverage() });
    const pendingNow = async (round: Measured) => {
      const m = await Promise.all(fleets.map(scrape));
      round.pending.fleetQueued = m.map((x) => x.roomctl_fleet_ingest_queued ?? Number.NaN);
      round.pending.heldAcks = m.map((x) => x.roomctl_fleet_acks_held ?? Number.NaN);
      return round;
    };
    let generatorsDone = 0;
    for (const r of registered)
      void r.then(
        () => generatorsDone++,
        () => undefined,
      );
    let stored = 0;
    while ((stored = await count('SELECT COUNT(*) AS n FROM fleet_devices')) < devices || generatorsDone < workers.length) {
      if (Date.now() > regDeadline) {
        // It ends here, saying how far it got and what each process did meanwhile.
        const ms = Date.now() - regStart;
        const round = emptyRound(
          `registration not done in ${Math.round(ms / 1000)} s: ${stored} of ${devices} devices stored, ${generatorsDone} of ${workers.length} generators had the broker's acknowledgement of all they sent`,
        );
        round.registrationMsgPerS = (stored / ms) * 1000;
        round.cpu = coresOver(regCpu0, cpuOf(), ms);
        return await pendingNow(round);
      }
      await new Promise((r) => setTimeout(r, 250));
    }
    const registrationMsgPerS = ((devices + rooms) / (Date.now() - regStart)) * 1000;

    // The measured window: all generators start together; CPU, counters and held PUBACKs read over it.
    const t0 = Date.now() + 300;
    for (const w of workers) w.send({ go: t0 });
    await new Promise((r) => setTimeout(r, t0 - Date.now()));
    const cpu0 = cpuOf();
    const metrics0 = await Promise.all(fleets.map(scrape));
    const heldAcksMax = fleets.map(() => 0);
    while (Date.now() - t0 < windowS * 1000) {
      (await Promise.all(fleets.map(scrape))).forEach((m, i) => (heldAcksMax[i] = Math.max(heldAcksMax[i]!, m.roomctl_fleet_acks_held ?? 0)));
      await new Promise((r) => setTimeout(r, Math.min(1000, Math.max(0, t0 + windowS * 1000 - Date.now()))));
    }
    const cpu1 = cpuOf();
    const metrics1 = await Promise.all(fleets.map(scrape));
    const windowMs = Date.now() - t0;
    let generated: GeneratorResult[];
    try {
      generated = await within(Promise.all(results), 60_000, 'the generators to finish their window');
    } catch {
      return await pendingNow(emptyRound('generator timed out'));
    }

    // Drain (bounded): what was sent lands, or shows as lag, loss and staleness.
    const faultEvents = sum(generated.map((g) => g.faultEvents));
    const touched = sum(generated.map((g) => g.touched));
    const drainDeadline = Date.now() + 10_000;
    let rows: Array<{ lag: number; metrics: string; received: number }> = [];
    let events = 0;
    do {
      rows = await db.query('SELECT received_at - reported_at AS lag, metrics, received_at AS received FROM fleet_devices WHERE reported_at >= ?', [t0]);
      events = await count('SELECT COUNT(*) AS n FROM fleet_events');
      if (events >= faultEvents && rows.length >= touched) break;
      await new Promise((r) => setTimeout(r, 500));
    } while (Date.now() < drainDeadline);
    const eventLags = (await db.query<{ at: string; received: number }>('SELECT at, received_at AS received FROM fleet_events')).map(
      (r) => Number(r.received) - Date.parse(r.at),
    );
    const lags = summarize(rows.map((r) => Number(r.lag)));
    const fromSchedule = summarize(rows.map((r) => Number(r.received) - Number((JSON.parse(r.metrics) as { benchScheduledAt?: number }).benchScheduledAt)));
    const genLags = generated.map((g) => g.scheduleLag);
    const round: Measured = {
      ...emptyRound('completed'),
      windowS: windowMs / 1000,
      // Each generator over its own window: the bench's own may run long when the machine is busy.
      offeredMsgPerS: sum(generated.map((g) => (g.sent / g.windowMs) * 1000)),
      receivedMsgPerS:
        (sum(metrics1.map((m, i) => (m.roomctl_fleet_messages_received_total ?? 0) - (metrics0[i]!.roomctl_fleet_messages_received_total ?? 0))) / windowMs) *
        1000,
      committedMsgPerS: (sum(metrics1.map((m, i) => committedOf(m) - committedOf(metrics0[i]!))) / windowMs) * 1000,
      batchesPerS:
        (sum(metrics1.map((m, i) => (m.roomctl_fleet_ingest_batches_total ?? 0) - (metrics0[i]!.roomctl_fleet_ingest_batches_total ?? 0))) / windowMs) * 1000,
      registrationMsgPerS,
      lagP50: lags.p50,
      lagP99: lags.p99,
      lagFromScheduleP50: fromSchedule.p50,
      lagFromScheduleP99: fromSchedule.p99,
      eventLagP99: summarize(eventLags).p99,
      generatorScheduleLagP99: Math.max(...genLags.map((g) => g.p99)),
      generatorScheduleLagMax: Math.max(...genLags.map((g) => g.max)),
      lostEvents: Math.max(0, faultEvents - events),
      doubledEvents: events - (await count('SELECT COUNT(DISTINCT id) AS n FROM fleet_events')),
      redelivered: sum(metrics1.map((m, i) => (m.roomctl_fleet_messages_duplicates_total ?? 0) - (metrics0[i]!.roomctl_fleet_messages_duplicates_total ?? 0))),
      staleDevices: Math.max(0, touched - rows.length),
      // Each generator's own CPU over its own window (it reports it before it exits); the bench's reading where it has none.
      cpu: (({ generators, ...others }) => ({
        ...others,
        generators: generators.map((c, i) => (generated[i] ? generated[i].cpuS / (generated[i].windowMs / 1000) : c)),
      }))(coresOver(cpu0, cpu1, windowMs)),
      heldAcksMax,
    };
    round.pending.generatorUnacked = sum(generated.map((g) => g.unacked));
    return await pendingNow(round);
  };
  let result: Measured;
  try {
    result = await measure();
  } finally {
    for (const w of workers) if (w.exitCode === null) w.kill('SIGKILL');
    await probe?.close().catch(() => undefined);
    for (const f of fleets) {
      try {
        await within(f.stop(), 20_000, 'a fleet instance to stop');
      } catch {
        killedOnStop++;
        await f.kill9();
      }
    }
    for (const dir of dirs) await rm(dir, { recursive: true, force: true });
    await broker.close();
  }
  result.killedOnStop = killedOnStop;
  return result;
}
