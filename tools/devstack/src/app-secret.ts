/**
 * APP_SECRET for a local start: the API and worker require one (it signs unsubscribe links), and
 * links sent yesterday must still verify today, so a random one is made once and kept in the
 * data folder, readable by its owner only.
 */
import { randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import * as path from 'node:path';

export function ensureAppSecret(dataFolder: string): string {
  const file = path.join(dataFolder, 'app-secret');
  if (existsSync(file)) {
    const secret = readFileSync(file, 'utf8').trim();
    if (secret.length >= 32) return secret;
  }
  const secret = randomBytes(32).toString('hex');
  mkdirSync(dataFolder, { recursive: true });
  writeFileSync(file, `${secret}\n`, { mode: 0o600 });
  return secret;
}
