/**
 * The first admin for a local start: the API creates it on its first boot from
 * WAYPOINT_ADMIN_EMAIL / WAYPOINT_ADMIN_PASSWORD. Unless those are set, a random password is made
 * once and kept in the data folder (owner-readable only), so every `npm start` can say how to sign in.
 */
import { randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import * as path from 'node:path';

export const LOCAL_ADMIN_EMAIL = 'admin@localhost';

export function ensureFirstAdmin(dataFolder: string): { email: string; password: string; file: string } {
  const file = path.join(dataFolder, 'first-admin-password');
  if (existsSync(file)) {
    const password = readFileSync(file, 'utf8').trim();
    if (password.length >= 12) return { email: LOCAL_ADMIN_EMAIL, password, file };
  }
  const password = randomBytes(12).toString('base64url');
  mkdirSync(dataFolder, { recursive: true });
  writeFileSync(file, `${password}\n`, { mode: 0o600 });
  return { email: LOCAL_ADMIN_EMAIL, password, file };
}
