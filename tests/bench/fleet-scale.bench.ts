/**
 * fleet-scale: one Mosquitto, `roomctl fleet` child processes (as in production), and load
 * generator processes playing N rooms × 8 devices: every device's retained health once, then
 * a heartbeat (its health again) every 30 s spread evenly, plus a burst of faults (health
 * offline + fault.raised event) every 5 s. Two set-ups in the same run: the reference, one
 * instance on its embedded SQLite; and two instances in one share group on one PostgreSQL.
 *
 * Each set-up climbs a ladder of N and stops at the first N it does not keep up with, then
 * tries once between the last kept and the first missed. Per round: offered, received and
 * committed msg/s; lag p50/p99 from the real send time and from the scheduled one; lost,
 * doubled and stale counts; CPU per process and for the machine; the fleets' held PUBACKs;
 * and `limitedBy`, read from those figures (fleet-scale-verdict.ts). Everything per round is
 * in bench-results/fleet-scale.json under `details`.
 *
 * ROOMCTL_FLEET_SCALE_STEPS=15000,20000 ROOMCTL_FLEET_SCALE_WINDOW=10 ROOMCTL_FLEET_SCALE_SETUPS=postgres
 * ROOMCTL_FLEET_SCALE_BISECT=0 ROOMCTL_FLEET_SCALE_WORKERS=2 ROOMCTL_FLEET_SCALE_BUDGET_S=300 choose a shorter run.
 */
import { cpus } from 'node:os';
import { startPostgres } from '../helpers/postgres.js';
import type { Benchmark } from './bench-types.js';
import { DEVICES_PER_ROOM, HEARTBEAT_S, runRound, type Setup } from './fleet-scale-round.js';
import { cpuMicrosPerMessage, INFLIGHT_LIMIT, keptUp, limitedBy, type Measured, type RoundResult, unfinishedRound } from './fleet-scale-verdict.js';
import { loadAverage } from './proc-cpu.js';
import { round } from './stats.js';

const CORES = cpus().length;

async function playRound(setup: Setup, rooms: number, windowS: number, deadline: number): Promise<RoundResult> {
  let measured: Measured;
  try {
    measured = await runRound(setup, rooms, windowS, deadline);
  } catch (err) {
    const asked = (rooms * DEVICES_PER_ROOM) / HEARTBEAT_S;
    measured = { ...unfinishedRound(rooms, asked, setup.instances, `failed: ${(err as Error).message}`), loadAverage: loadAverage() };
  }
  const r: RoundResult = { ...measured, keptUp: keptUp(measured), limitedBy: limitedBy(measured, CORES), cpuMicrosPerMessage: cpuMicrosPerMessage(measured) };
  const perMessage = r.cpuMicrosPerMessage;
  const c = (x: number | null) => (x === null ? 'unknown' : round(x, 2));
  const us = (x: number | null) => (x === null ? 'unknown' : `${x} µs`);
  const ms = (x: number) => Math.round(x);
  process.stdout.write(
    `   ${setup.name} × ${setup.instances}, N=${rooms} (load ${c(r.loadAverage)}): ${r.outcome}; ` +
      `asked ${ms(r.askedMsgPerS)}, offered ${ms(r.offeredMsgPerS)}, received ${ms(r.receivedMsgPerS)}, committed ${ms(r.committedMsgPerS)} msg/s ` +
      `(${c(r.batchesPerS)} batches/s; registration ${ms(r.registrationMsgPerS)} msg/s); ` +
      `lag p50/p99 ${ms(r.lagP50)}/${ms(r.lagP99)} ms from the send, ${ms(r.lagFromScheduleP50)}/${ms(r.lagFromScheduleP99)} ms from the schedule, events p99 ${ms(r.eventLagP99)} ms; ` +
      `generator behind its schedule p99 ${ms(r.generatorScheduleLagP99)} ms (max ${ms(r.generatorScheduleLagMax)}); ` +
      `lost ${r.lostEvents}, doubled ${r.doubledEvents}, stale ${r.staleDevices}, redelivered ${r.redelivered}; ` +
      `cores: fleet ${r.cpu.fleet.map(c).join(' + ')}, PostgreSQL ${c(r.cpu.postgres)}, Mosquitto ${c(r.cpu.mosquitto)}, generator ${r.cpu.generators.map(c).join(' + ')}, bench ${c(r.cpu.bench)}, machine ${c(r.cpu.machineBusy)} of ${CORES}; ` +
      `CPU per committed message: fleet ${us(perMessage.fleet)}, PostgreSQL ${us(perMessage.postgres)}, Mosquitto ${us(perMessage.mosquitto)}, generator ${us(perMessage.generator)}; ` +
      `held PUBACKs max ${r.heldAcksMax.join(' + ')} of ${INFLIGHT_LIMIT}; pending at the end: queued ${r.pending.fleetQueued.join(' + ')}, held ${r.pending.heldAcks.join(' + ')}, unacked at the generator ${r.pending.generatorUnacked}` +
      `${r.killedOnStop ? `; ${r.killedOnStop} instance(s) killed after not stopping in 20 s` : ''}; kept up: ${r.keptUp ? 'yes' : 'no'}, limited by: ${r.limitedBy}\n`,
  );
  return r;
}

/**
 * The ladder up to the first miss, then one step halfway between the last kept and the first
 * missed (when they are far apart). A step that would end after `deadline` is not started: a
 * round's time is guessed from the last one's, scaled by the rooms (registration grows with
 * them; the window does not, so the guess errs long).
 */
async function climb(setup: Setup, ladder: number[], windowS: number, bisect: boolean, deadline: number): Promise<{ rounds: RoundResult[]; cut?: number }> {
  const rounds: RoundResult[] = [];
  let last: { rooms: number; ms: number } | undefined;
  const fits = (rooms: number) => !last || Date.now() + (last.ms * rooms) / last.rooms < deadline;
  const play = async (rooms: number) => {
    const started = Date.now();
    const r = await playRound(setup, rooms, windowS, deadline);
    last = { rooms, ms: Date.now() - started };
    rounds.push(r);
    return r;
  };
  for (const rooms of ladder) {
    if (!fits(rooms)) return { rounds, cut: rooms };
    if (!(await play(rooms)).keptUp) break;
  }
  const missed = rounds.at(-1);
  const kept = rounds.filter((r) => r.keptUp).at(-1);
  if (bisect && missed && !missed.keptUp && kept) {
    const mid = Math.round((kept.rooms + missed.rooms) / 2 / 1000) * 1000;
    if (mid > kept.rooms && mid < missed.rooms && fits(mid)) await play(mid);
  }
  return { rounds: rounds.sort((a, b) => a.rooms - b.rooms) };
}

const bench: Benchmark = {
  name: 'fleet-scale',
  async run({ quick }) {
    const env = process.env;
    const ladder = env.ROOMCTL_FLEET_SCALE_STEPS?.split(',').map(Number) ?? (quick ? [500] : [2000, 5000, 10_000, 15_000, 20_000, 30_000, 40_000]);
    // 20 s: two thirds of a heartbeat period, long enough for p99 over tens of thousands of heartbeats, short enough for the whole run to stay near 12 minutes.
    const windowS = Number(env.ROOMCTL_FLEET_SCALE_WINDOW ?? (quick ? 8 : 20));
    const bisect = env.ROOMCTL_FLEET_SCALE_BISECT ? env.ROOMCTL_FLEET_SCALE_BISECT !== '0' : !quick;
    const only = env.ROOMCTL_FLEET_SCALE_SETUPS?.split(',');
    const postgres = await startPostgres({ durable: true });
    const setups: Setup[] = [
      { name: 'sqlite' as const, instances: 1 },
      { name: 'postgres' as const, instances: 2, postgres },
    ].filter((s) => !only || only.includes(s.name));
    // The whole run within the budget (default 10 minutes — the last round may pass it by its window, drain and stop: about a minute —, `--quick` 1): each set-up gets an equal share of what is left.
    const end = Date.now() + Number(env.ROOMCTL_FLEET_SCALE_BUDGET_S ?? (quick ? 60 : 600)) * 1000;
    const results = new Map<Setup, { rounds: RoundResult[]; cut?: number }>();
    try {
      for (const [i, setup] of setups.entries())
        results.set(setup, await climb(setup, ladder, windowS, bisect, Date.now() + (end - Date.now()) / (setups.length - i)));
    } finally {
      await postgres.close();
    }
    const figures: Record<string, number> = {};
    const units: Record<string, string> = {};
    const put = (name: string, value: number, unit: string) => {
      figures[name] = value;
      units[name] = unit;
    };
    const notes: string[] = [];
    const details: Record<string, unknown> = { windowS, cores: CORES, devicesPerRoom: DEVICES_PER_ROOM, heartbeatS: HEARTBEAT_S };
    for (const [setup, { rounds, cut }] of results) {
      const tag = `${setup.name}${setup.instances > 1 ? `_x${setup.instances}` : ''}`;
      const best = rounds.filter((r) => r.keptUp).at(-1);
      const firstMissed = rounds.find((r) => !r.keptUp);
      put(`${tag}_max_rooms_kept_up`, best?.rooms ?? 0, 'rooms');
      put(`${tag}_max_msg_per_s_kept_up`, best ? Math.round(best.committedMsgPerS) : 0, 'msg/s');
      for (const r of rounds) {
        put(`${tag}_n${r.rooms}_lag_p99_ms`, round(r.lagP99, 1), 'ms');
        put(`${tag}_n${r.rooms}_committed_msg_per_s`, Math.round(r.committedMsgPerS), 'msg/s');
      }
      details[tag] = {
        maxRoomsKeptUp: best?.rooms ?? 0,
        limitedBy: firstMissed?.limitedBy ?? (cut ? `not reached: ${cut} rooms not tried (time budget)` : 'not reached (every step kept up)'),
        rounds,
      };
      notes.push(
        `${tag}: kept up to ${best ? `${best.rooms} rooms (${Math.round(best.committedMsgPerS)} msg/s committed)` : 'no step'}; ` +
          (firstMissed
            ? `missed at ${firstMissed.rooms} rooms (${firstMissed.outcome}, lag p99 ${Math.round(firstMissed.lagP99)} ms, offered ${Math.round(firstMissed.offeredMsgPerS)} of ${Math.round(firstMissed.askedMsgPerS)} msg/s), limited by: ${firstMissed.limitedBy}.`
            : cut
              ? `${cut} rooms not tried: it would have passed the time budget.`
              : 'every step tried kept up.'),
      );
    }
    return {
      name: 'fleet-scale',
      figures,
      units,
      targets: quick ? undefined : { sqlite_max_rooms_kept_up: { min: 10_000 } },
      notes: `${DEVICES_PER_ROOM} devices/room, heartbeat every ${HEARTBEAT_S} s, fault bursts every 5 s; ${windowS} s measured window; generator processes on 16 MQTT connections in all; a fresh Mosquitto per round, the fleet instances as child processes, PostgreSQL 15 with fsync on, all on the same ${CORES}-core machine. Lag from the send = the payload's \`at\` → stored; from the schedule = when the heartbeat was due → stored.\n${notes.join('\n')}`,
      details,
    };
  },
};

export default bench;
