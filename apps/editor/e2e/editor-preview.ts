/**
 * Serves the built editor with `vite preview` on a free port, its API proxy pointed at a test
 * stack (API_URL), for browser tests. The build comes first (`npm run build -w @waypoint/editor`;
 * the test command builds everything before it runs).
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync } from 'node:fs';
import { createServer } from 'node:net';
import { join } from 'node:path';

const EDITOR = join(__dirname, '..');
const VITE = join(EDITOR, 'node_modules', 'vite', 'bin', 'vite.js');

export class EditorPreview {
  private child?: ChildProcess;
  private readonly output: string[] = [];
  private port = 0;

  get url(): string {
    return `http://127.0.0.1:${this.port}`;
  }

  async start(apiUrl: string): Promise<this> {
    if (!existsSync(join(EDITOR, 'dist', 'index.html'))) {
      throw new Error('The editor is not built: run `npm run build -w @waypoint/editor` first.');
    }
    this.port = await freePort();
    const vite = existsSync(VITE) ? VITE : require.resolve('vite/bin/vite.js', { paths: [EDITOR] });
    this.child = spawn(
      process.execPath,
      [vite, 'preview', '--host', '127.0.0.1', '--port', String(this.port), '--strictPort'],
      { cwd: EDITOR, env: { ...process.env, API_URL: apiUrl }, stdio: ['ignore', 'pipe', 'pipe'] },
    );
    const collect = (chunk: Buffer) => this.output.push(chunk.toString());
    this.child.stdout?.on('data', collect);
    this.child.stderr?.on('data', collect);
    await this.waitUntilServing();
    return this;
  }

  async stop(): Promise<void> {
    const child = this.child;
    if (!child || child.exitCode !== null || child.signalCode !== null) return;
    const exited = new Promise((resolve) => child.once('exit', resolve));
    child.kill('SIGTERM');
    await exited;
  }

  logs(): string {
    return this.output.join('');
  }

  private async waitUntilServing(): Promise<void> {
    const deadline = Date.now() + 30_000;
    while (Date.now() < deadline) {
      if (this.child?.exitCode !== null) throw new Error(`vite preview exited:\n${this.logs()}`);
      try {
        if ((await fetch(this.url)).ok) return;
      } catch {
        // not listening yet
      }
      await new Promise((resolve) => setTimeout(resolve, 200));
    }
    throw new Error(`vite preview did not answer in 30 s:\n${this.logs()}`);
  }
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolve(port));
    });
  });
}
