/**
 * A template's front matter (`---` lines of `key: value` before the body; the API's template
 * catalog reads it the same way): an email's `subject` and `preheader` live there. The page shows
 * them as inputs above the code editor, but the source stays the one truth: reading a field finds
 * its line, writing one rewrites only that line's value, so a source round-trips byte for byte.
 */

/** The same opening the API's parser recognises: `---`, the fields, `---`. */
const FRONT_MATTER = /^---\r?\n([\s\S]*?)\r?\n---(\r?\n|$)/;

interface FieldLine {
  key: string;
  value: string;
  /** Where the value starts and ends in the source (after the colon and its spaces). */
  valueStart: number;
  valueEnd: number;
}

function fieldLines(source: string): { lines: FieldLine[]; closingAt: number } | undefined {
  const match = FRONT_MATTER.exec(source);
  if (!match) return undefined;
  const lines: FieldLine[] = [];
  let offset = match[0].indexOf('\n') + 1;
  for (const raw of match[1].split('\n')) {
    const line = raw.endsWith('\r') ? raw.slice(0, -1) : raw;
    const colon = line.indexOf(':');
    if (colon > 0) {
      const spaces = /^[ \t]*/.exec(line.slice(colon + 1))?.[0].length ?? 0;
      const valueStart = offset + colon + 1 + spaces;
      const value = line.slice(colon + 1 + spaces).replace(/[ \t]+$/, '');
      lines.push({
        key: line.slice(0, colon).trim(),
        value,
        valueStart,
        valueEnd: valueStart + value.length,
      });
    }
    offset += raw.length + 1;
  }
  // The closing `---` line.
  return { lines, closingAt: match[0].length - 3 - match[2].length };
}

/** A front-matter field's value (trimmed, as the API reads it), or undefined when there is none. */
export function readFrontMatterField(source: string, key: string): string | undefined {
  return fieldLines(source)?.lines.find((line) => line.key === key)?.value;
}

/**
 * The source with one front-matter field set. Only that value changes; a field not there yet is
 * added as the front matter's last line (and a front matter opened when there is none). Front
 * matter is one line a field: line breaks in `value` become spaces.
 */
export function setFrontMatterField(source: string, key: string, value: string): string {
  const oneLine = value.replace(/\r?\n/g, ' ');
  const parsed = fieldLines(source);
  const line = parsed?.lines.find((l) => l.key === key);
  if (line) {
    // `subject:` with nothing after it gets the space a person would type.
    const gap = line.value === '' && oneLine !== '' && source[line.valueStart - 1] === ':' ? ' ' : '';
    return source.slice(0, line.valueStart) + gap + oneLine + source.slice(line.valueEnd);
  }
  if (oneLine === '') return source;
  if (!parsed) return `---\n${key}: ${oneLine}\n---\n${source}`;
  const newline = source.includes('\r\n') ? '\r\n' : '\n';
  return source.slice(0, parsed.closingAt) + `${key}: ${oneLine}${newline}` + source.slice(parsed.closingAt);
}
