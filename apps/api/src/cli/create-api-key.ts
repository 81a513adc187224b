/**
 * `node apps/api/dist/cli/create-api-key.js <name>`: creates an API key and prints it once.
 * Admins usually create keys on the editor's Admin page; this is for scripts and first setups.
 */
import 'reflect-metadata';
import { openDatabase, systemActor, writeAuditEntry } from '@waypoint/data';
import { issueApiKey } from '../auth/api-keys.service';

async function main(): Promise<void> {
  const name = process.argv[2];
  const url = process.env.DATABASE_URL;
  if (!name || !url) {
    console.error('usage: DATABASE_URL=postgres://… node apps/api/dist/cli/create-api-key.js <name>');
    process.exit(2);
  }
  const db = await openDatabase(url);
  try {
    const created = await db.transaction(async (query) => {
      const key = await issueApiKey(query, name, null);
      await writeAuditEntry(query, systemActor('create-api-key CLI'), {
        action: 'api_key.create',
        targetType: 'api_key',
        targetId: key.id,
        detail: { name },
      });
      return key;
    });
    console.log(
      `API key "${created.name}" (id ${created.id}). It is shown once; store it now:\n${created.key}`,
    );
  } finally {
    await db.close();
  }
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});
