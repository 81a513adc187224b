/**
 * The Chromium that the editor's browser tests drive through playwright-core (which downloads no
 * browser of its own): CHROMIUM_PATH, else /usr/bin/chromium, else `chromium` on PATH. When there is
 * none, it is installed the way CI always installed it (Debian's package, with apt-get, as root);
 * where that cannot work (not root, no apt-get), the test command stops before starting anything,
 * with one message saying how to install it. The path found reaches the tests as CHROMIUM_PATH.
 */
import * as path from 'node:path';
import { DevstackError } from './devstack-error';
import { findOnPath, isExecutableFile } from './executables';
import { RecentLines, prefixedLog } from './output-prefix';
import { runCommand } from './run-command';

export const DEFAULT_CHROMIUM_PATH = '/usr/bin/chromium';

/** Where the tests that need a browser live: the editor's integration tests all drive one. */
export const BROWSER_TESTS_DIR = path.join('apps', 'editor', 'test');

export interface ChromiumLookup {
  /** Where CHROMIUM_PATH and PATH are read; process.env by default. */
  env?: NodeJS.ProcessEnv;
  /** The usual place of Debian's package; /usr/bin/chromium by default. */
  knownPath?: string;
}

/** CHROMIUM_PATH when set (and then only it), else /usr/bin/chromium, else `chromium` on PATH. */
export function findChromium(lookup: ChromiumLookup = {}): string | undefined {
  const env = lookup.env ?? process.env;
  const chosen = env.CHROMIUM_PATH?.trim();
  if (chosen) {
    if (isExecutableFile(chosen)) return chosen;
    throw new DevstackError(
      `CHROMIUM_PATH=${chosen} is not an executable file: point it at a Chromium or Chrome executable, or unset it.`,
    );
  }
  const known = lookup.knownPath ?? DEFAULT_CHROMIUM_PATH;
  if (isExecutableFile(known)) return known;
  return findOnPath('chromium', env.PATH);
}

export interface EnsureChromiumOptions extends ChromiumLookup {
  /** Progress lines; defaults to stdout behind `[devstack]`. */
  log?: (line: string) => void;
  /** Whether installing with apt-get may be tried; by default, when running as root. */
  asRoot?: boolean;
}

/** The path of a Chromium executable, installed first when the machine has none and may. */
export async function ensureChromium(options: EnsureChromiumOptions = {}): Promise<string> {
  const found = findChromium(options);
  if (found) return found;

  const env = options.env ?? process.env;
  const known = options.knownPath ?? DEFAULT_CHROMIUM_PATH;
  const apt = findOnPath('apt-get', env.PATH);
  const asRoot = options.asRoot ?? process.getuid?.() === 0;
  if (!apt || !asRoot) {
    const why = !apt ? 'there is no apt-get on this machine' : 'this command does not run as root';
    throw new DevstackError(missingChromium(known, `It could not be installed automatically: ${why}.`));
  }

  const log = options.log ?? prefixedLog('devstack');
  log('Chromium (for the editor browser tests) is missing: installing it with apt-get …');
  const aptEnv = { ...env, DEBIAN_FRONTEND: 'noninteractive' };
  for (const args of [
    ['update', '-qq'],
    ['install', '-y', '-qq', 'chromium'],
  ]) {
    const result = await runCommand(apt, args, { env: aptEnv });
    if (result.code === 0) continue;
    const output = new RecentLines(15);
    output.addText(result.output);
    const ended = result.signal ? `was stopped by ${result.signal}` : `failed (exit code ${result.code})`;
    throw new DevstackError(
      missingChromium(known, `\`apt-get ${args.join(' ')}\` ${ended}; its last lines:\n${output.text()}`),
    );
  }
  const installed = findChromium(options);
  if (!installed) {
    throw new DevstackError(
      missingChromium(known, 'apt-get installed the chromium package, but no chromium executable appeared.'),
    );
  }
  log(`Chromium installed (${installed}).`);
  return installed;
}

function missingChromium(known: string, reason: string): string {
  return [
    `The editor's browser tests need Chromium, and there is none (CHROMIUM_PATH is unset, ${known} does not exist, no \`chromium\` on PATH).`,
    reason,
    'Install it, then run the command again:',
    '  - Debian and its derivatives: sudo apt-get update && sudo apt-get install -y chromium',
    '  - elsewhere: install Chromium or Google Chrome and set CHROMIUM_PATH to its executable',
  ].join('\n');
}
