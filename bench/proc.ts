/**
 * What the processes cost, read from /proc (Linux only): CPU time per process tree (utime + stime
 * of the live processes, plus cutime + cstime of the root, which holds the children it already
 * reaped, e.g. PostgreSQL backends that disconnected), resident memory, and the machine's own
 * busy and iowait time, so the share used by processes that are not ours shows up too.
 */
import { execFileSync } from 'node:child_process';
import { readdirSync, readFileSync } from 'node:fs';

export const CLOCK_TICKS = readClockTicks();

function readClockTicks(): number {
  try {
    return Number(execFileSync('getconf', ['CLK_TCK'], { encoding: 'utf8' }).trim()) || 100;
  } catch {
    return 100;
  }
}

interface ProcStat {
  pid: number;
  comm: string;
  ppid: number;
  /** utime + stime, in clock ticks. */
  ticks: number;
  /** cutime + cstime: children that exited and were reaped. */
  childTicks: number;
}

function parseStat(pid: number): ProcStat | undefined {
  let text: string;
  try {
    text = readFileSync(`/proc/${pid}/stat`, 'utf8');
  } catch {
    return undefined; // exited meanwhile
  }
  // The command name may contain spaces and parentheses: it ends at the last ')'.
  const open = text.indexOf('(');
  const close = text.lastIndexOf(')');
  const fields = text.slice(close + 2).split(' ');
  // fields[0] is field 3 (state) of proc(5).
  return {
    pid,
    comm: text.slice(open + 1, close),
    ppid: Number(fields[1]),
    ticks: Number(fields[11]) + Number(fields[12]),
    childTicks: Number(fields[13]) + Number(fields[14]),
  };
}

function allStats(): ProcStat[] {
  const stats: ProcStat[] = [];
  for (const name of readdirSync('/proc')) {
    if (!/^\d+$/.test(name)) continue;
    const stat = parseStat(Number(name));
    if (stat) stats.push(stat);
  }
  return stats;
}

/** The pids of the direct children of a process, with their command names. */
export function childrenOf(ppid: number): Array<{ pid: number; comm: string }> {
  return allStats()
    .filter((s) => s.ppid === ppid)
    .map(({ pid, comm }) => ({ pid, comm }));
}

/** Resident set size in bytes (VmRSS of /proc/<pid>/status), or undefined once the process is gone. */
export function residentBytes(pid: number): number | undefined {
  try {
    const match = /^VmRSS:\s+(\d+)\s+kB/m.exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
    return match ? Number(match[1]) * 1024 : undefined;
  } catch {
    return undefined;
  }
}

interface MachineTicks {
  busy: number;
  iowait: number;
  total: number;
}

function machineTicks(): MachineTicks {
  const line = readFileSync('/proc/stat', 'utf8').split('\n')[0] ?? '';
  // cpu user nice system idle iowait irq softirq steal guest guest_nice (guest is inside user)
  const [user, nice, system, idle, iowait, irq, softirq, steal] = line
    .trim()
    .split(/\s+/)
    .slice(1)
    .map(Number);
  const busy = user + nice + system + irq + softirq + steal;
  return { busy, iowait, total: busy + idle + iowait };
}

export interface CpuSample {
  at: number;
  /** Seconds of CPU per group since an arbitrary origin. */
  cpuSeconds: Record<string, number>;
  rssBytes: Record<string, number>;
  machine: MachineTicks;
}

/** Named process trees: a root pid each; everything descending from it counts for it. */
export class ProcessGroups {
  private readonly roots = new Map<string, number>();

  add(name: string, pid: number | undefined): void {
    if (pid !== undefined) this.roots.set(name, pid);
  }

  /** The root pid of a group, if it has one. */
  root(name: string): number | undefined {
    return this.roots.get(name);
  }

  names(): string[] {
    return [...this.roots.keys(), 'bench'];
  }

  sample(): CpuSample {
    const stats = allStats();
    const byParent = new Map<number, ProcStat[]>();
    const byPid = new Map<number, ProcStat>();
    for (const stat of stats) {
      byPid.set(stat.pid, stat);
      const siblings = byParent.get(stat.ppid) ?? [];
      siblings.push(stat);
      byParent.set(stat.ppid, siblings);
    }
    const cpuSeconds: Record<string, number> = {};
    const rssBytes: Record<string, number> = {};
    for (const [name, root] of this.roots) {
      const top = byPid.get(root);
      let ticks = top ? top.ticks + top.childTicks : 0;
      const queue = [...(byParent.get(root) ?? [])];
      while (queue.length > 0) {
        const stat = queue.pop() as ProcStat;
        ticks += stat.ticks;
        queue.push(...(byParent.get(stat.pid) ?? []));
      }
      cpuSeconds[name] = ticks / CLOCK_TICKS;
      rssBytes[name] = residentBytes(root) ?? 0;
    }
    // The benchmark's own process: load generator, SendGrid stub, database polling.
    const own = process.cpuUsage();
    cpuSeconds.bench = (own.user + own.system) / 1e6;
    rssBytes.bench = process.memoryUsage.rss();
    return { at: Date.now(), cpuSeconds, rssBytes, machine: machineTicks() };
  }
}

export interface CpuShares {
  seconds: number;
  /** Cores used on average over the window, per group (1.0 = one core busy all the time). */
  cores: Record<string, number>;
  /** Busy cores of the whole machine, and what of it was not one of our groups. */
  machineCores: number;
  otherCores: number;
  iowaitCores: number;
}

export function cpuShares(from: CpuSample, to: CpuSample, cpus: number): CpuShares {
  const seconds = (to.at - from.at) / 1000;
  const cores: Record<string, number> = {};
  let ours = 0;
  for (const name of Object.keys(to.cpuSeconds)) {
    const used = Math.max(0, (to.cpuSeconds[name] ?? 0) - (from.cpuSeconds[name] ?? 0));
    cores[name] = seconds > 0 ? used / seconds : 0;
    ours += cores[name];
  }
  const total = to.machine.total - from.machine.total;
  const machineCores = total > 0 ? ((to.machine.busy - from.machine.busy) / total) * cpus : 0;
  const iowaitCores = total > 0 ? ((to.machine.iowait - from.machine.iowait) / total) * cpus : 0;
  return { seconds, cores, machineCores, otherCores: Math.max(0, machineCores - ours), iowaitCores };
}
