/**
 * Interleaved output from several processes, made readable: every line is prefixed with the name
 * of the process that wrote it (`[api]`, `[worker]` …), coloured when the terminal supports it.
 */

const COLOURS: Record<string, number> = {
  api: 36, // cyan
  worker: 35, // magenta
  editor: 32, // green
  temporal: 33, // yellow
  postgres: 34, // blue
  devstack: 1, // bold
};

/** Wide enough for the usual names so their output lines up. */
const PREFIX_WIDTH = '[temporal]'.length;

function useColour(): boolean {
  if (process.env.NO_COLOR) return false;
  if (process.env.FORCE_COLOR && process.env.FORCE_COLOR !== '0') return true;
  return process.stdout.isTTY === true;
}

export function linePrefix(name: string): string {
  const label = `[${name}]`.padEnd(PREFIX_WIDTH);
  const colour = COLOURS[name] ?? 37;
  return useColour() ? `\u001b[${colour}m${label}\u001b[0m` : label;
}

/** A sink for log text that may hold several lines (or end without a newline). */
export type LogSink = (text: string) => void;

/** Writes each line of the text to stdout behind the process name. */
export function prefixedLog(name: string): LogSink {
  const prefix = linePrefix(name);
  return (text) => {
    for (const line of text.replace(/\r?\n$/, '').split(/\r?\n/)) {
      process.stdout.write(`${prefix} ${line}\n`);
    }
  };
}

/**
 * Turns a byte stream into whole lines: chunks from a pipe split lines anywhere, and a prefix in
 * the middle of a line would garble it.
 */
export class LineSplitter {
  private pending = '';

  constructor(private readonly onLine: (line: string) => void) {}

  push(chunk: Buffer | string): void {
    const lines = (this.pending + chunk.toString()).split(/\r?\n/);
    this.pending = lines.pop() ?? '';
    for (const line of lines) this.onLine(line);
  }

  flush(): void {
    if (this.pending !== '') this.onLine(this.pending);
    this.pending = '';
  }
}

/** Keeps the last lines of a process's output for error messages, whether or not they were shown. */
export class RecentLines {
  private readonly lines: string[] = [];

  constructor(private readonly limit = 40) {}

  add(line: string): void {
    this.lines.push(line);
    if (this.lines.length > this.limit) this.lines.shift();
  }

  addText(text: string): void {
    for (const line of text.replace(/\r?\n$/, '').split(/\r?\n/)) this.add(line);
  }

  text(indent = '    '): string {
    return this.lines.length === 0 ? `${indent}(no output)` : this.lines.map((l) => indent + l).join('\n');
  }
}
