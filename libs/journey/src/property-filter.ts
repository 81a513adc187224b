/**
 * The simplest form of a condition: every listed property path equals its value. Used by
 * trigger filters and exit rules; the full condition language arrives with the engine issue.
 */
export function matchesPropertyFilter(
  properties: Record<string, unknown>,
  filter?: Record<string, unknown>,
): boolean {
  if (!filter) return true;
  return Object.entries(filter).every(([path, expected]) => readPath(properties, path) === expected);
}

/** `a.b.c` into nested objects; own properties only, so `__proto__` and friends read as undefined. */
export function readPath(value: unknown, path: string): unknown {
  return path.split('.').reduce<unknown>((current, key) => {
    if (current === null || typeof current !== 'object') return undefined;
    return Object.prototype.hasOwnProperty.call(current, key)
      ? (current as Record<string, unknown>)[key]
      : undefined;
  }, value);
}
