import { readdirSync, readFileSync } from 'node:fs';

/** Fields after the command name in /proc/<pid>/stat (the name may hold spaces and parentheses). */
function statFields(pid: number | string): string[] {
  const text = readFileSync(`/proc/${pid}/stat`, 'utf8');
  return text.slice(text.lastIndexOf(') ') + 2).split(' ');
}

/** CPU seconds (user + system) a live process has used: fields 14 and 15, in clock ticks (100 Hz on Linux). */
export function cpuSeconds(pid: number): number {
  try {
    const f = statFields(pid);
    return (Number(f[11]) + Number(f[12])) / 100;
  } catch {
    // Gone: it used nothing more.
    return 0;
  }
}

/**
 * A process and its children (PostgreSQL's backends are children of the postmaster): its own
 * time, what its ended children used (cutime/cstime, fields 16 and 17), and its live children's.
 */
export function treeCpuSeconds(pid: number): number {
  let total = 0;
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      const f = statFields(entry);
      if (Number(entry) === pid) total += (Number(f[11]) + Number(f[12]) + Number(f[13]) + Number(f[14])) / 100;
      else if (Number(f[1]) === pid) total += (Number(f[11]) + Number(f[12])) / 100;
    } catch {
      // The process ended between the listing and the read.
    }
  }
  return total;
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
