/**
 * A template the API refused (422 `template_invalid` or `unknown_helper`, with `details` of
 * `{line, column, name?}`), read into what the page shows under the editor and the range the code
 * editor marks. Lines and columns are counted from 1, in the whole source (front matter included),
 * as the message under the editor says them.
 */
import { ApiError } from '../api-error';

export const TEMPLATE_ERROR_CODES = ['template_invalid', 'unknown_helper'] as const;

export interface TemplateProblem {
  message: string;
  code: string;
  line: number | null;
  column: number | null;
  /** The missing variable or unknown helper, when the API named it. */
  name: string | null;
}

const positive = (value: unknown) =>
  typeof value === 'number' && Number.isInteger(value) && value >= 1 ? value : null;

/** The problem in a refused template, or null when `error` is something else (a network error…). */
export function templateProblem(error: unknown): TemplateProblem | null {
  if (!(error instanceof ApiError) || !error.code) return null;
  if (!(TEMPLATE_ERROR_CODES as readonly string[]).includes(error.code)) return null;
  const details = (
    typeof error.details === 'object' && error.details !== null ? error.details : {}
  ) as Record<string, unknown>;
  return {
    message: error.message,
    code: error.code,
    line: positive(details.line),
    column: positive(details.column),
    name: typeof details.name === 'string' && details.name !== '' ? details.name : null,
  };
}

/** "Line 3, column 12: …" (or the message alone when the API gave no place, or already says it). */
export function problemText(problem: TemplateProblem): string {
  if (problem.line === null || /^line \d+/i.test(problem.message)) return problem.message;
  const place =
    problem.column === null ? `Line ${problem.line}` : `Line ${problem.line}, column ${problem.column}`;
  return `${place}: ${problem.message}`;
}

/**
 * The range to mark in `doc`: the missing name when it is on that line at or after the column,
 * else from the column to the end of its word, else the whole line. Clamped to the document.
 */
export function problemRange(doc: string, problem: TemplateProblem): { from: number; to: number } | null {
  if (problem.line === null) return null;
  const lines = doc.split('\n');
  const lineIndex = Math.min(problem.line, lines.length) - 1;
  const lineStart = lines.slice(0, lineIndex).reduce((sum, line) => sum + line.length + 1, 0);
  const text = lines[lineIndex].replace(/\r$/, '');
  const column = Math.min((problem.column ?? 1) - 1, text.length);
  if (problem.name) {
    const at = text.indexOf(problem.name, problem.column === null ? 0 : Math.max(0, column - 2));
    if (at >= 0) return { from: lineStart + at, to: lineStart + at + problem.name.length };
  }
  if (problem.column === null || column >= text.length)
    return { from: lineStart, to: lineStart + text.length };
  const word = /^[^\s{}]*/.exec(text.slice(column))?.[0].length ?? 0;
  return { from: lineStart + column, to: lineStart + column + Math.max(1, word) };
}
