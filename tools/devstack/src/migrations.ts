/**
 * Applying the schema: the data lib's migrate CLI run against one database, before anything else
 * uses it. Its output is shown on failure, since that is where the reason is.
 */
import { existsSync } from 'node:fs';
import * as path from 'node:path';
import { DevstackError } from './devstack-error';
import { runCommand } from './run-command';

export function migrateCliPath(root: string): string {
  return path.join(root, 'libs', 'data', 'dist', 'cli', 'migrate.js');
}

/** Returns the CLI's output (e.g. "migrations: up to date"). */
export async function runMigrations(root: string, databaseUrl: string): Promise<string> {
  const cli = migrateCliPath(root);
  if (!existsSync(cli)) {
    throw new DevstackError(
      `The migrate CLI ${cli} does not exist yet: build the project first (npm run build).`,
    );
  }
  const result = await runCommand(process.execPath, [cli], {
    cwd: root,
    env: { ...process.env, DATABASE_URL: databaseUrl },
  });
  if (result.code !== 0) {
    const output = result.output.trim() || '(no output)';
    throw new DevstackError(
      `Migrations failed (${result.signal ?? 'exit code ' + String(result.code)}):\n${output.replace(/^/gm, '    ')}`,
    );
  }
  return result.output.trim();
}
