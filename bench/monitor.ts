/**
 * A once-a-second record of the stack while the phases run: CPU time and resident memory of each
 * process (from /proc) and what PostgreSQL's backends are doing (pg_stat_activity), so a phase can
 * say afterwards where its time went.
 */
import type { Pool } from 'pg';
import { type CpuSample, cpuShares, type CpuShares, type ProcessGroups } from './proc';

interface ActivitySample {
  at: number;
  /** Backends of the benchmark database running a query (not idle), other than the sampler. */
  active: number;
  /** What the active ones wait on, counted ("running (CPU)" when on nothing). */
  waits: Record<string, number>;
}

export interface PostgresActivity {
  meanActive: number;
  /** Wait events of active backends, as shares of all active-backend samples, largest first. */
  waits: Array<{ event: string; share: number }>;
}

export class Monitor {
  private readonly cpu: CpuSample[] = [];
  private readonly activity: ActivitySample[] = [];
  private timer?: NodeJS.Timeout;
  private busy = false;

  constructor(
    private readonly groups: ProcessGroups,
    private readonly db: Pool,
    readonly cpus: number,
  ) {}

  start(): void {
    this.timer = setInterval(() => void this.tick(), 1_000);
  }

  stop(): void {
    clearInterval(this.timer);
  }

  /** A CPU sample taken now (also kept), for exact phase boundaries. */
  now(): CpuSample {
    const sample = this.groups.sample();
    this.cpu.push(sample);
    return sample;
  }

  shares(from: CpuSample, to: CpuSample): CpuShares {
    return cpuShares(from, to, this.cpus);
  }

  /** Resident memory of one group over a window: the median and the largest sample. */
  rss(group: string, from: number, to: number): { median: number; max: number; samples: number } {
    const values = this.cpu
      .filter((s) => s.at >= from && s.at <= to)
      .map((s) => s.rssBytes[group] ?? 0)
      .sort((a, b) => a - b);
    if (values.length === 0) return { median: 0, max: 0, samples: 0 };
    return {
      median: values[Math.floor(values.length / 2)],
      max: values[values.length - 1],
      samples: values.length,
    };
  }

  postgres(from: number, to: number): PostgresActivity {
    const window = this.activity.filter((s) => s.at >= from && s.at <= to);
    const totals: Record<string, number> = {};
    let active = 0;
    for (const sample of window) {
      active += sample.active;
      for (const [event, n] of Object.entries(sample.waits)) totals[event] = (totals[event] ?? 0) + n;
    }
    return {
      meanActive: window.length > 0 ? active / window.length : 0,
      waits: Object.entries(totals)
        .map(([event, n]) => ({ event, share: active > 0 ? n / active : 0 }))
        .sort((a, b) => b.share - a.share),
    };
  }

  private async tick(): Promise<void> {
    this.cpu.push(this.groups.sample());
    if (this.busy) return;
    this.busy = true;
    try {
      const at = Date.now();
      const rows = await this.db.query<{ wait: string; n: string }>(
        `SELECT CASE WHEN state LIKE 'idle in transaction%' THEN 'idle in transaction (waiting for the app)'
                     ELSE coalesce(wait_event_type || ':' || wait_event, 'running (CPU)') END AS wait,
                count(*) AS n
           FROM pg_stat_activity
          WHERE datname = current_database() AND state <> 'idle' AND pid <> pg_backend_pid()
          GROUP BY 1`,
      );
      const waits: Record<string, number> = {};
      let active = 0;
      for (const row of rows.rows) {
        waits[row.wait] = Number(row.n);
        active += Number(row.n);
      }
      this.activity.push({ at, active, waits });
    } catch {
      // A sample lost while PostgreSQL is busy is not worth failing the benchmark for.
    } finally {
      this.busy = false;
    }
  }
}
