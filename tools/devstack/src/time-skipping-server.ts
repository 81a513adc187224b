/**
 * Temporal's time-skipping test server, for workflow tests that sleep for days in milliseconds.
 * @temporalio/testing would download it from a CDN this project cannot count on; instead Maven
 * fetches the same server's jars from Maven Central into the tools folder, and a small launcher
 * script runs it. Tests pass the launcher to TestWorkflowEnvironment.createTimeSkipping().
 */
import { existsSync } from 'node:fs';
import { chmod, mkdir, readdir, readFile, rename, rm, writeFile } from 'node:fs/promises';
import * as path from 'node:path';
import { DevstackError } from './devstack-error';
import { findOnPath } from './executables';
import { prefixedLog } from './output-prefix';
import { repoRoot, toolsDir } from './paths';
import { runCommand } from './run-command';

export interface EnsureTimeSkippingServerOptions {
  toolsDir?: string;
  repoRoot?: string;
  log?: (line: string) => void;
}

/** Returns the path of the launcher (an executable taking the server's arguments). */
export async function ensureTimeSkippingServer(
  options: EnsureTimeSkippingServerOptions = {},
): Promise<string> {
  const home = path.join(options.toolsDir ?? toolsDir(), 'temporal-test-server');
  const lib = path.join(home, 'lib');
  const log = options.log ?? prefixedLog('devstack');

  if (!findOnPath('java')) {
    throw new DevstackError(
      "Java is needed to run Temporal's time-skipping test server, but `java` is not on PATH.\n" +
        '  Install a Java runtime (17 or newer), e.g. `apt-get install openjdk-17-jre-headless`, then run the command again.',
    );
  }
  if (!(await hasServerJar(lib))) {
    await fetchJars(options.repoRoot ?? repoRoot(), lib, log);
  }
  return writeLauncher(home, lib);
}

async function hasServerJar(lib: string): Promise<boolean> {
  if (!existsSync(lib)) return false;
  return (await readdir(lib)).some((file) => /^temporal-test-server-.*\.jar$/.test(file));
}

async function fetchJars(root: string, lib: string, log: (line: string) => void): Promise<void> {
  const mvn = findOnPath('mvn');
  if (!mvn) {
    throw new DevstackError(
      `Temporal's time-skipping test server is not in ${lib}, and Maven (\`mvn\`) is needed to fetch it.\n` +
        '  Install Maven, e.g. `apt-get install maven`, then run the command again.',
    );
  }
  const pom = path.join(root, 'tools', 'temporal-test-server', 'pom.xml');
  // Fetched next to the final folder and renamed when complete, so an interrupted fetch is
  // retried instead of leaving half the classpath behind.
  const partial = `${lib}.partial`;
  await rm(partial, { recursive: true, force: true });
  await mkdir(path.dirname(lib), { recursive: true });
  log("Fetching Temporal's time-skipping test server with Maven (first run only) …");
  const args = ['-q', '-B', '-f', pom, 'dependency:copy-dependencies', `-DoutputDirectory=${partial}`];
  args.push('-DincludeScope=runtime');
  // Even in batch mode Maven writes bare colour-reset codes; only lines with text are shown.
  const result = await runCommand(mvn, args, {
    onLine: (line) => {
      // eslint-disable-next-line no-control-regex
      if (line.replace(/\u001b\[[0-9;]*m/g, '').trim() !== '') log(line);
    },
  });
  if (result.code !== 0 || !(await hasServerJar(partial))) {
    await rm(partial, { recursive: true, force: true });
    throw new DevstackError(
      `Fetching Temporal's time-skipping test server with Maven failed (${result.signal ?? 'exit code ' + String(result.code)}).\n` +
        `  Command: mvn ${args.join(' ')}\n${indent(result.output.trim().split('\n').slice(-20).join('\n'))}`,
    );
  }
  await rm(lib, { recursive: true, force: true });
  await rename(partial, lib);
}

/** Rewritten only when it differs, e.g. after the tools folder moved. */
async function writeLauncher(home: string, lib: string): Promise<string> {
  const launcher = path.join(home, 'bin', 'temporal-test-server');
  // Single-quoted so the shell leaves the `*` to java, which expands it to every jar.
  const classpath = shellQuote(`${lib}/*`);
  const script = `#!/bin/sh\n# Written by tools/devstack: runs Temporal's time-skipping test server.\nexec java -cp ${classpath} io.temporal.testserver.TestServer "$@"\n`;
  const current = existsSync(launcher) ? await readFile(launcher, 'utf8') : undefined;
  if (current !== script) {
    await mkdir(path.dirname(launcher), { recursive: true });
    await writeFile(launcher, script);
  }
  await chmod(launcher, 0o755);
  return launcher;
}

function shellQuote(value: string): string {
  return `'${value.replace(/'/g, `'\\''`)}'`;
}

function indent(text: string): string {
  return text
    .split('\n')
    .map((line) => `    ${line}`)
    .join('\n');
}
