import { chmodSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { ensureChromium, findChromium } from './chromium';
import { DevstackError } from './devstack-error';

/** A machine without Chromium, made of temporary folders: nothing here touches the real one. */
describe('ensureChromium', () => {
  let dir: string;
  let bin: string;
  let knownPath: string;
  const quiet = (): void => undefined;

  beforeEach(() => {
    dir = mkdtempSync(path.join(tmpdir(), 'chromium-spec-'));
    bin = path.join(dir, 'bin');
    mkdirSync(bin);
    knownPath = path.join(dir, 'usr-bin-chromium');
  });

  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  function executable(file: string, body = 'exit 0'): string {
    writeFileSync(file, `#!/bin/sh\n${body}\n`);
    chmodSync(file, 0o755);
    return file;
  }

  /** An apt-get that logs its calls and, on install, puts a chromium on PATH (or fails). */
  function fakeAptGet(install: 'works' | 'fails'): string {
    const calls = path.join(dir, 'apt-calls');
    const onInstall =
      install === 'works'
        ? `printf '#!/bin/sh\\n' > ${bin}/chromium; /bin/chmod +x ${bin}/chromium`
        : `echo "E: Unable to locate package chromium"; exit 100`;
    executable(
      path.join(bin, 'apt-get'),
      `echo "$DEBIAN_FRONTEND $*" >> ${calls}\nif [ "$1" = install ]; then ${onInstall}; fi`,
    );
    return calls;
  }

  it('uses CHROMIUM_PATH when it names an executable, and refuses one that does not', () => {
    const chosen = executable(path.join(dir, 'my-chrome'));
    expect(findChromium({ env: { CHROMIUM_PATH: chosen, PATH: bin }, knownPath })).toBe(chosen);
    expect(() =>
      findChromium({ env: { CHROMIUM_PATH: path.join(dir, 'nope'), PATH: bin }, knownPath }),
    ).toThrow(/CHROMIUM_PATH=.*nope is not an executable file/);
  });

  it('finds /usr/bin/chromium first, then chromium on PATH', () => {
    const onPath = executable(path.join(bin, 'chromium'));
    expect(findChromium({ env: { PATH: bin }, knownPath })).toBe(onPath);
    executable(knownPath);
    expect(findChromium({ env: { PATH: bin }, knownPath })).toBe(knownPath);
  });

  it('stops at once with how to install it when not running as root', async () => {
    const calls = fakeAptGet('works');
    const failure = ensureChromium({ env: { PATH: bin }, knownPath, asRoot: false, log: quiet });
    await expect(failure).rejects.toThrow(DevstackError);
    await expect(failure).rejects.toThrow(
      /this command does not run as root[\s\S]*sudo apt-get install -y chromium/,
    );
    expect(existsSync(calls)).toBe(false);
  });

  it('stops at once with how to install it when there is no apt-get', async () => {
    await expect(ensureChromium({ env: { PATH: bin }, knownPath, asRoot: true, log: quiet })).rejects.toThrow(
      /there is no apt-get on this machine[\s\S]*set CHROMIUM_PATH/,
    );
  });

  it('installs it as root with apt-get, non-interactively, the way CI did, and returns where it is', async () => {
    const calls = fakeAptGet('works');
    const found = await ensureChromium({ env: { PATH: bin }, knownPath, asRoot: true, log: quiet });
    expect(found).toBe(path.join(bin, 'chromium'));
    expect(readFileSync(calls, 'utf8').trim().split('\n')).toEqual([
      'noninteractive update -qq',
      'noninteractive install -y -qq chromium',
    ]);
  });

  it('reports a failed install with apt-get own words and how to install it by hand', async () => {
    fakeAptGet('fails');
    await expect(ensureChromium({ env: { PATH: bin }, knownPath, asRoot: true, log: quiet })).rejects.toThrow(
      /apt-get install -y -qq chromium` failed \(exit code 100\)[\s\S]*Unable to locate package chromium[\s\S]*Install it/,
    );
  });
});
