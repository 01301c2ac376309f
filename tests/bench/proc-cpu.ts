import type { ChildProcess } from 'node:child_process';
import { readdirSync, readFileSync } from 'node:fs';

/** Fields after the command name in /proc/<pid>/stat (the name may hold spaces and parentheses). */
function statFields(pid: number | string): string[] {
  const text = readFileSync(`/proc/${pid}/stat`, 'utf8');
  return text.slice(text.lastIndexOf(') ') + 2).split(' ');
}

/**
 * CPU seconds (user + system) a live process has used: fields 14 and 15, in clock ticks (100 Hz
 * on Linux). Undefined once it is gone: its total went with it, and 0 would make the CPU it
 * used over a window negative.
 */
export function cpuSeconds(pid: number): number | undefined {
  try {
    const f = statFields(pid);
    // A zombie (exited, not yet reaped) is gone too: field 3, the state.
    if (f[0] === 'Z') return undefined;
    return (Number(f[11]) + Number(f[12])) / 100;
  } catch {
    return undefined;
  }
}

/** A child process's CPU seconds, undefined once it exited (its pid may belong to another process by then). */
export function childCpuSeconds(child: Pick<ChildProcess, 'pid' | 'exitCode' | 'signalCode'>): number | undefined {
  if (child.pid === undefined || child.exitCode !== null || child.signalCode !== null) return undefined;
  return cpuSeconds(child.pid);
}

/**
 * Cores a process used between two readings `seconds` apart; null — unknown — when either
 * reading is missing (the process started late or exited before the last one) or the total
 * went down (not the same process): a figure that cannot be right is not printed as one.
 */
export function coresBetween(before: number | undefined, after: number | undefined, seconds: number): number | null {
  if (before === undefined || after === undefined || after < before || !(seconds > 0)) return null;
  return (after - before) / seconds;
}

/**
 * A process and its children (PostgreSQL's backends are children of the postmaster): its own
 * time, what its ended children used (cutime/cstime, fields 16 and 17), and its live children's.
 */
export function treeCpuSeconds(pid: number): number | undefined {
  let total = 0;
  let found = false;
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      const f = statFields(entry);
      if (Number(entry) === pid) {
        found = f[0] !== 'Z';
        total += (Number(f[11]) + Number(f[12]) + Number(f[13]) + Number(f[14])) / 100;
      } else if (Number(f[1]) === pid) total += (Number(f[11]) + Number(f[12])) / 100;
    } catch {
      // The process ended between the listing and the read.
    }
  }
  // The root gone, its children's totals went with it (as with cpuSeconds).
  return found ? total : undefined;
}

/** CPU seconds every core of the machine spent busy (everything but idle and I/O wait), from /proc/stat: other work included. */
export function machineBusySeconds(): number {
  const [, ...ticks] = readFileSync('/proc/stat', 'utf8').split('\n')[0]!.trim().split(/\s+/).map(Number);
  const [user, nice, system, , , irq, softirq, steal] = ticks as number[];
  return (user! + nice! + system! + irq! + softirq! + steal!) / 100;
}

/** The 1-minute load average, to print beside figures measured on a shared machine. */
export function loadAverage(): number {
  return Number(readFileSync('/proc/loadavg', 'utf8').split(' ')[0]);
}
