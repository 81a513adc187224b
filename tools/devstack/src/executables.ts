/** Finding programs: on PATH (what the user installed) or at a known path (what we installed). */
import { accessSync, constants, statSync } from 'node:fs';
import * as path from 'node:path';

export function isExecutableFile(file: string): boolean {
  try {
    accessSync(file, constants.X_OK);
    return statSync(file).isFile();
  } catch {
    return false;
  }
}

/** The first executable of that name on PATH, like `command -v`. */
export function findOnPath(name: string, searchPath = process.env.PATH): string | undefined {
  for (const dir of (searchPath ?? '').split(path.delimiter)) {
    if (dir === '') continue;
    const candidate = path.join(dir, name);
    if (isExecutableFile(candidate)) return candidate;
  }
  return undefined;
}
