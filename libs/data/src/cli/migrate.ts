/**
 * `node libs/data/dist/cli/migrate.js`: applies pending migrations to DATABASE_URL. Run by the
 * start and test commands before anything else touches the database.
 */
import 'reflect-metadata';
import { DataSource } from 'typeorm';
import { dataSourceOptions } from '../data-source-options';

async function main(): Promise<void> {
  const url = process.env.DATABASE_URL;
  if (!url) {
    console.error('DATABASE_URL is not set: it names the PostgreSQL database to migrate.');
    process.exit(2);
  }
  const dataSource = new DataSource(dataSourceOptions(url, 1));
  await dataSource.initialize();
  try {
    const applied = await dataSource.runMigrations({ transaction: 'each' });
    console.log(
      applied.length === 0
        ? 'migrations: up to date'
        : `migrations: applied ${applied.map((m) => m.name).join(', ')}`,
    );
  } finally {
    await dataSource.destroy();
  }
}

main().catch((error: unknown) => {
  console.error('migrations failed:', error instanceof Error ? error.message : error);
  process.exit(1);
});
