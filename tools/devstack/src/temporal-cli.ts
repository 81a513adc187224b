/**
 * The Temporal CLI (`temporal`), which runs the local dev server: found on PATH, else in the
 * project's tools folder, else installed there with `go install`, else downloaded from Temporal's
 * release archive. When none works, one error says how to install it by hand.
 */
import { createWriteStream } from 'node:fs';
import { chmod, mkdir, mkdtemp, readdir, rename, rm } from 'node:fs/promises';
import * as path from 'node:path';
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { type ReadableStream as WebReadableStream } from 'node:stream/web';
import { DevstackError } from './devstack-error';
import { findOnPath, isExecutableFile } from './executables';
import { prefixedLog } from './output-prefix';
import { toolsDir } from './paths';
import { runCommand } from './run-command';

export const TEMPORAL_CLI_VERSION = 'v1.5.1';
const GO_PACKAGE = 'github.com/temporalio/cli/cmd/temporal';

export interface EnsureTemporalCliOptions {
  toolsDir?: string;
  /** Progress lines (installing, downloading); defaults to stdout behind `[temporal]`. */
  log?: (line: string) => void;
}

/** One lookup per tools folder per process: concurrent callers share the install. */
const lookups = new Map<string, Promise<string>>();

export function ensureTemporalCli(options: EnsureTemporalCliOptions = {}): Promise<string> {
  const tools = options.toolsDir ?? toolsDir();
  let lookup = lookups.get(tools);
  if (!lookup) {
    lookup = locateOrInstall(tools, options.log ?? prefixedLog('temporal'));
    lookups.set(tools, lookup);
    // A failed lookup may succeed later (e.g. after the user installs Go), so it is not cached.
    lookup.catch(() => lookups.delete(tools));
  }
  return lookup;
}

async function locateOrInstall(tools: string, log: (line: string) => void): Promise<string> {
  const onPath = findOnPath('temporal');
  if (onPath) return onPath;

  const binDir = path.join(tools, 'bin');
  const installed = path.join(binDir, 'temporal');
  if (isExecutableFile(installed)) return installed;

  const failures: string[] = [];
  const go = findOnPath('go');
  if (go) {
    const failure = await goInstall(go, binDir, log);
    if (!failure && isExecutableFile(installed)) return installed;
    failures.push(failure ?? `go install finished but ${installed} is missing`);
  } else {
    failures.push('Go is not installed, so it could not be built with `go install`');
  }

  const url = releaseUrl();
  if (url) {
    const failure = await download(url, binDir, log);
    if (!failure && isExecutableFile(installed)) return installed;
    failures.push(failure ?? `the download finished but ${installed} is missing`);
  } else {
    failures.push(`there is no release download for ${process.platform}/${process.arch}`);
  }

  throw new DevstackError(
    [
      'The Temporal CLI (`temporal`) is needed to run a local Temporal server, and it could not be set up:',
      `  - it is not on PATH and not in ${binDir}`,
      ...failures.map((f) => `  - ${f}`),
      'Do one of these, then run the command again:',
      `  - install it with Go: GOBIN=${binDir} go install ${GO_PACKAGE}@${TEMPORAL_CLI_VERSION}`,
      `  - or download it from ${url ?? 'https://temporal.download/cli/archive/' + TEMPORAL_CLI_VERSION} and put \`temporal\` on PATH`,
      '  - or use a Temporal server you already run: TEMPORAL_ADDRESS=host:port',
    ].join('\n'),
  );
}

/** Returns why it failed, or undefined on success. */
async function goInstall(
  go: string,
  binDir: string,
  log: (line: string) => void,
): Promise<string | undefined> {
  log(
    `Installing the Temporal CLI ${TEMPORAL_CLI_VERSION} into ${binDir} with \`go install\` ` +
      '(first run only; it takes a couple of minutes) …',
  );
  await mkdir(binDir, { recursive: true });
  try {
    const result = await runCommand(go, ['install', `${GO_PACKAGE}@${TEMPORAL_CLI_VERSION}`], {
      env: { ...process.env, GOBIN: binDir },
      onLine: log,
    });
    if (result.code === 0) {
      log('Temporal CLI installed.');
      return undefined;
    }
    const tail = result.output.trim().split('\n').slice(-5).join('\n      ');
    return `go install failed (${result.signal ?? 'exit code ' + String(result.code)}):\n      ${tail}`;
  } catch (error) {
    return `go install could not run: ${(error as Error).message}`;
  }
}

/** Temporal's archive serves the latest build of a version for each platform as a tarball. */
function releaseUrl(): string | undefined {
  const platform = { linux: 'linux', darwin: 'darwin' }[process.platform as string];
  const arch = { x64: 'amd64', arm64: 'arm64' }[process.arch as string];
  if (!platform || !arch) return undefined;
  return `https://temporal.download/cli/archive/${TEMPORAL_CLI_VERSION}?platform=${platform}&arch=${arch}`;
}

/** Returns why it failed, or undefined on success. */
async function download(
  url: string,
  binDir: string,
  log: (line: string) => void,
): Promise<string | undefined> {
  await mkdir(binDir, { recursive: true });
  const work = await mkdtemp(path.join(binDir, '.temporal-download-'));
  try {
    // The connection itself tells whether the internet is reachable; a short timeout keeps an
    // offline machine from hanging here.
    const connecting = new AbortController();
    const connectTimer = setTimeout(() => connecting.abort(), 15_000);
    let response: Response;
    try {
      response = await fetch(url, { signal: connecting.signal, redirect: 'follow' });
    } catch (error) {
      return `downloading ${url} failed (is the internet reachable?): ${causeOf(error)}`;
    } finally {
      clearTimeout(connectTimer);
    }
    if (!response.ok || !response.body) return `downloading ${url} failed: HTTP ${response.status}`;

    log(`Downloading the Temporal CLI ${TEMPORAL_CLI_VERSION} from ${url} …`);
    const archive = path.join(work, 'temporal.tar.gz');
    await pipeline(Readable.fromWeb(response.body as WebReadableStream), createWriteStream(archive));
    const untar = await runCommand('tar', ['-xzf', archive, '-C', work]);
    if (untar.code !== 0) return `unpacking the Temporal CLI archive failed: ${untar.output.trim()}`;
    if (!(await readdir(work)).includes('temporal'))
      return 'the Temporal CLI archive holds no `temporal` binary';
    await chmod(path.join(work, 'temporal'), 0o755);
    // Renamed into place only when complete, so an interrupted download never looks installed.
    await rename(path.join(work, 'temporal'), path.join(binDir, 'temporal'));
    log('Temporal CLI downloaded.');
    return undefined;
  } catch (error) {
    return `downloading ${url} failed: ${causeOf(error)}`;
  } finally {
    await rm(work, { recursive: true, force: true });
  }
}

/** fetch() hides the useful part ("ENOTFOUND …") in `cause`. */
function causeOf(error: unknown): string {
  const cause = (error as { cause?: unknown }).cause;
  const message = (error as Error).message ?? String(error);
  return cause instanceof Error ? `${message} (${cause.message})` : message;
}
