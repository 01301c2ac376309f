import { DEFAULT_MAX_QUEUED } from '../../fleet/fleet-ingest.js';

/**
 * What a fleet-scale round measured, and the two judgements drawn from it: did the fleet keep
 * up, and if not, what limited it. Both are read from the figures, never assumed.
 */

/**
 * The most messages a fleet instance holds received and not committed (its PUBACKs held): its
 * ingest's maxQueued, when the broker's in-flight window is not smaller.
 */
export const INFLIGHT_LIMIT = DEFAULT_MAX_QUEUED;
/** A single-threaded process at this share of a core is saturated (Node, Mosquitto; PostgreSQL's backends summed). */
const SATURATED = 0.85;

export interface RoundResult {
  rooms: number;
  /** 'completed', or what did not finish in its time (the round still ended, with what was pending). */
  outcome: string;
  windowS: number;
  askedMsgPerS: number;
  offeredMsgPerS: number;
  receivedMsgPerS: number;
  committedMsgPerS: number;
  /** Batches committed per second, all instances; committed / batches is the mean batch size. */
  batchesPerS: number;
  /** Registration (every device's retained health at once): messages/s the fleet stored, a capacity figure. */
  registrationMsgPerS: number;
  /** Publish (the payload's `at`, when the generator really sent it) → stored (the batch's write began). */
  lagP50: number;
  lagP99: number;
  /** The heartbeat's scheduled time → stored: includes how late the generator sent it. */
  lagFromScheduleP50: number;
  lagFromScheduleP99: number;
  eventLagP99: number;
  /** How late the generator sent heartbeats against their schedule (ms). */
  generatorScheduleLagP99: number;
  generatorScheduleLagMax: number;
  lostEvents: number;
  /** Event rows beyond one per id (the key forbids them: measured all the same). */
  doubledEvents: number;
  /** Messages the broker delivered again and the fleet recognised (ignored). */
  redelivered: number;
  /** Devices that sent a heartbeat in the window and whose stored health is older. */
  staleDevices: number;
  /** CPU in cores over the window; null: unknown (the process exited before the last reading). */
  cpu: { fleet: Array<number | null>; postgres: number | null; mosquitto: number | null; generators: Array<number | null>; bench: number; machineBusy: number };
  /** The most PUBACKs a fleet instance held at once (sampled each second), per instance. */
  heldAcksMax: number[];
  /** At the end of the drain: messages each instance had queued but not committed, and the generator's unacknowledged. */
  pending: { fleetQueued: number[]; heldAcks: number[]; generatorUnacked: number };
  /** Fleet instances that did not stop within their time and were killed. */
  killedOnStop: number;
  loadAverage: number;
  keptUp: boolean;
  limitedBy: string;
  /** CPU per committed message (µs), per role (all fleet instances together): what a message costs, far less noisy than lag on a shared machine. */
  cpuMicrosPerMessage: { fleet: number | null; postgres: number | null; mosquitto: number | null; generator: number | null };
}

export type Measured = Omit<RoundResult, 'keptUp' | 'limitedBy' | 'cpuMicrosPerMessage'>;

/** A round that ended before its figures: zeros and NaN, with why. */
export function unfinishedRound(rooms: number, askedMsgPerS: number, instances: number, outcome: string): Measured {
  return {
    rooms,
    outcome,
    windowS: 0,
    askedMsgPerS,
    offeredMsgPerS: 0,
    receivedMsgPerS: 0,
    committedMsgPerS: 0,
    batchesPerS: 0,
    registrationMsgPerS: 0,
    lagP50: Number.NaN,
    lagP99: Number.NaN,
    lagFromScheduleP50: Number.NaN,
    lagFromScheduleP99: Number.NaN,
    eventLagP99: Number.NaN,
    generatorScheduleLagP99: Number.NaN,
    generatorScheduleLagMax: Number.NaN,
    lostEvents: 0,
    doubledEvents: 0,
    redelivered: 0,
    staleDevices: 0,
    cpu: { fleet: Array(instances).fill(0), postgres: 0, mosquitto: 0, generators: [], bench: 0, machineBusy: 0 },
    heldAcksMax: Array(instances).fill(0),
    pending: { fleetQueued: [], heldAcks: [], generatorUnacked: 0 },
    killedOnStop: 0,
    loadAverage: Number.NaN,
  };
}

export function cpuMicrosPerMessage(r: Measured): RoundResult['cpuMicrosPerMessage'] {
  const per = (cores: number | null) => (cores === null ? null : r.committedMsgPerS > 0 ? Math.round((cores * 1e6) / r.committedMsgPerS) : Number.NaN);
  // One process's figure unknown, the role's sum is too.
  const sum = (xs: Array<number | null>) => xs.reduce<number | null>((a, b) => (a === null || b === null ? null : a + b), 0);
  return { fleet: per(sum(r.cpu.fleet)), postgres: per(r.cpu.postgres), mosquitto: per(r.cpu.mosquitto), generator: per(sum(r.cpu.generators)) };
}

/** Kept up: the generator offered ≥ 95 % of the asked rate, lag p99 < 1 s, nothing lost, stale or doubled. */
export function keptUp(r: Measured): boolean {
  return (
    r.outcome === 'completed' &&
    r.offeredMsgPerS >= 0.95 * r.askedMsgPerS &&
    r.lagP99 < 1000 &&
    r.lostEvents === 0 &&
    r.doubledEvents === 0 &&
    r.staleDevices === 0
  );
}

/**
 * What limited a round that did not keep up, in this order: the generator (it offered less
 * than asked, fell a second behind its schedule, or a worker neared a core); one process
 * saturated near a core (the busiest: a fleet instance, PostgreSQL, Mosquitto); the machine
 * (its cores ≥ 90 % busy, or a load average of twice the cores; other work included); the
 * fleet's in-flight window (an instance held ≥ 90 % of the broker's in-flight limit in PUBACKs
 * waiting for commits, so the broker held back the rest); else 'undetermined' — no process, core or window was full, and the figures
 * are printed for a person to read. A round that did not reach its window (registration not
 * done in time) is judged by its CPU over the registration alone.
 */
export function limitedBy(r: Measured, cores: number): string {
  if (keptUp(r)) return 'none (kept up)';
  // A round that ended in registration has no window figures: only CPU (over the registration) speaks.
  const windowed = r.outcome === 'completed';
  const behind = windowed && (r.offeredMsgPerS < 0.95 * r.askedMsgPerS || r.generatorScheduleLagP99 > 1000);
  if (behind || r.cpu.generators.some((c) => c !== null && c >= SATURATED)) return 'generator';
  // A process whose CPU is unknown cannot be named the limit.
  const processes = (
    [
      ...r.cpu.fleet.map((c, i) => [`fleet instance ${i + 1}`, c] as const),
      ['PostgreSQL', r.cpu.postgres] as const,
      ['Mosquitto', r.cpu.mosquitto] as const,
    ] as Array<readonly [string, number | null]>
  ).flatMap(([name, c]) => (c === null ? [] : [[name, c] as const]));
  const busiest = processes.sort((a, b) => b[1] - a[1])[0];
  if (busiest && busiest[1] >= SATURATED) return busiest[0];
  // A run queue of twice the cores: every runnable process waits for a core more than it runs, whatever /proc/stat's busy share says.
  if (r.cpu.machineBusy >= 0.9 * cores || r.loadAverage >= 2 * cores) return 'machine';
  if (r.heldAcksMax.some((h) => h >= 0.9 * INFLIGHT_LIMIT)) return 'fleet in-flight window';
  return 'undetermined';
}
