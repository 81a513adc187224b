/**
 * The full DATABASE_URL of a local start, kept in the data folder (owner-readable only) so the
 * README's command-line tools can be given it (`DATABASE_URL=$(cat .data/database-url) …`) while
 * the banner and logs show it with the password masked.
 */
import { chmodSync, mkdirSync, writeFileSync } from 'node:fs';
import * as path from 'node:path';

export function writeDatabaseUrl(dataFolder: string, url: string): string {
  const file = path.join(dataFolder, 'database-url');
  mkdirSync(dataFolder, { recursive: true });
  writeFileSync(file, `${url}\n`, { mode: 0o600 });
  // An older file keeps its mode on rewrite: make sure it is the owner's only.
  chmodSync(file, 0o600);
  return file;
}
